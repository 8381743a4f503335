import { t } from '../i18n/catalog.ts';

/** The folded part of the add and upload forms: extra headers and a server login. */
export function HeadersAndCredentials({
  value,
  onChange,
}: {
  value: { headers?: string | undefined; username?: string | undefined; password?: string | undefined };
  onChange: (key: 'headers' | 'username' | 'password', text: string) => void;
}) {
  return (
    <details>
      <summary>{t.credentials.summary}</summary>
      <label>
        {t.credentials.headers}
        <textarea rows={2} value={value.headers ?? ''} placeholder={t.credentials.headersPlaceholder} onChange={(e) => onChange('headers', e.target.value)} />
      </label>
      <div className="row">
        <label>
          {t.credentials.username}
          <input autoComplete="off" value={value.username ?? ''} onChange={(e) => onChange('username', e.target.value)} />
        </label>
        <label>
          {t.credentials.password}
          <input type="password" autoComplete="off" value={value.password ?? ''} onChange={(e) => onChange('password', e.target.value)} />
        </label>
      </div>
    </details>
  );
}

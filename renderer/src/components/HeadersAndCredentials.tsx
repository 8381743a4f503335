import { t } from '../i18n/catalog.ts';
import type { CredentialFields } from '../state/forms.ts';

/** The folded part of the add and upload forms: extra headers, a server login, and the proxy with its login; `first`: a form's own fields before them. */
export function HeadersAndCredentials({ value, onChange, first }: { value: CredentialFields; onChange: (key: keyof CredentialFields, text: string) => void; first?: React.ReactNode }) {
  const text = (key: keyof CredentialFields, label: string, type: 'text' | 'password' = 'text', placeholder?: string) => (
    <label>
      {label}
      <input type={type} autoComplete="off" value={value[key] ?? ''} placeholder={placeholder} onChange={(e) => onChange(key, e.target.value)} />
    </label>
  );
  return (
    <details>
      <summary>{t.credentials.summary}</summary>
      {first}
      <label>
        {t.credentials.headers}
        <textarea rows={2} value={value.headers ?? ''} placeholder={t.credentials.headersPlaceholder} onChange={(e) => onChange('headers', e.target.value)} />
      </label>
      <div className="row">
        {text('username', t.credentials.username)}
        {text('password', t.credentials.password, 'password')}
      </div>
      {text('proxy', t.proxy.field, 'text', t.proxy.fieldPlaceholder)}
      <div className="row">
        {text('proxyUsername', t.proxy.username)}
        {text('proxyPassword', t.proxy.password, 'password')}
      </div>
    </details>
  );
}

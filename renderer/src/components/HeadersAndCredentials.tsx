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
      <summary>Headers and credentials</summary>
      <label>
        Headers
        <textarea rows={2} value={value.headers ?? ''} placeholder="Name: value — one per line" onChange={(e) => onChange('headers', e.target.value)} />
      </label>
      <div className="row">
        <label>
          User name
          <input autoComplete="off" value={value.username ?? ''} onChange={(e) => onChange('username', e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="off" value={value.password ?? ''} onChange={(e) => onChange('password', e.target.value)} />
        </label>
      </div>
    </details>
  );
}

import type { Settings } from '../../../shared/model.ts';
import { useFerry } from '../state/context.tsx';
import { t } from '../i18n/catalog.ts';

type Aria2Keys = 'aria2RpcEnabled' | 'aria2RpcPort' | 'aria2RpcOrigins';

/** Settings' aria2 RPC: on or off and its port; the secret is never shown. The daemon and the desktop app both host it. */
export function Aria2RpcSettings({ value, onChange }: { value: Pick<Settings, Aria2Keys>; onChange: <K extends Aria2Keys>(key: K, next: Settings[K]) => void }) {
  const desktop = useFerry((s) => s.host?.owner === 'desktop');
  return (
    <fieldset className="aria2-rpc">
      <legend>{t.aria2Rpc.heading}</legend>
      <label className="check">
        <input type="checkbox" checked={value.aria2RpcEnabled} onChange={(e) => onChange('aria2RpcEnabled', e.target.checked)} />
        {t.aria2Rpc.enabled}
      </label>
      <label>
        {t.aria2Rpc.port}
        <input type="number" min={1} max={65535} value={value.aria2RpcPort} onChange={(e) => onChange('aria2RpcPort', Number(e.target.value))} />
      </label>
      <label>
        {t.aria2Rpc.origins}
        <input autoComplete="off" value={value.aria2RpcOrigins} placeholder={t.aria2Rpc.originsPlaceholder} onChange={(e) => onChange('aria2RpcOrigins', e.target.value)} />
      </label>
      <p className="hint">{t.aria2Rpc.where(value.aria2RpcPort)}</p>
      <p className="hint">{desktop ? t.aria2Rpc.desktopSecret : t.aria2Rpc.secret}</p>
    </fieldset>
  );
}

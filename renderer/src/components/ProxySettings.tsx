import type { Settings } from '../../../shared/model.ts';
import { NO_PROXY, SYSTEM_PROXY } from '../../../shared/proxy-url.ts';
import { SelectField } from './SelectField.tsx';
import { t } from '../i18n/catalog.ts';

type Mode = 'system' | 'none' | 'manual';
const modeOf = (proxy: string): Mode => (proxy === SYSTEM_PROXY ? 'system' : proxy === NO_PROXY ? 'none' : 'manual');

/** Settings' proxy: the system's, none, or one URL; and the hosts reached directly. */
export function ProxySettings({ value, onChange }: { value: Pick<Settings, 'proxy' | 'noProxy'>; onChange: (key: 'proxy' | 'noProxy', text: string) => void }) {
  const mode = modeOf(value.proxy);
  return (
    <>
      <div className="row">
        <SelectField
          label={t.proxy.setting}
          value={mode}
          onChange={(next) => onChange('proxy', next === 'system' ? SYSTEM_PROXY : next === 'none' ? NO_PROXY : '')}
          options={[
            ['system', t.proxy.system],
            ['none', t.proxy.none],
            ['manual', t.proxy.manual],
          ]}
        />
        {mode === 'manual' && (
          <label>
            {t.proxy.url}
            <input autoComplete="off" value={value.proxy} placeholder={t.proxy.urlPlaceholder} onChange={(e) => onChange('proxy', e.target.value.trim())} />
          </label>
        )}
      </div>
      {mode !== 'none' && (
        <label>
          {t.proxy.bypass}
          <input autoComplete="off" value={value.noProxy} placeholder={t.proxy.bypassPlaceholder} onChange={(e) => onChange('noProxy', e.target.value)} />
        </label>
      )}
    </>
  );
}

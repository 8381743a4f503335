import type { Settings } from '../../../shared/model.ts';
import { NO_PROXY, PAC_PROXY, SYSTEM_PROXY } from '../../../shared/proxy-url.ts';
import { SelectField } from './SelectField.tsx';
import { t } from '../i18n/catalog.ts';

type Mode = 'system' | 'none' | 'pac' | 'manual';
type Key = 'proxy' | 'noProxy' | 'pacUrl';
const modeOf = (proxy: string): Mode => (proxy === SYSTEM_PROXY ? 'system' : proxy === NO_PROXY ? 'none' : proxy === PAC_PROXY ? 'pac' : 'manual');
const settingOf: Record<Mode, string> = { system: SYSTEM_PROXY, none: NO_PROXY, pac: PAC_PROXY, manual: '' };

/** Settings' proxy: the system's, none, a PAC script's choice, or one URL; and the hosts reached directly. */
export function ProxySettings({ value, onChange }: { value: Pick<Settings, Key>; onChange: (key: Key, text: string) => void }) {
  const mode = modeOf(value.proxy);
  return (
    <>
      <div className="row">
        <SelectField
          label={t.proxy.setting}
          value={mode}
          onChange={(next) => onChange('proxy', settingOf[next])}
          options={[
            ['system', t.proxy.system],
            ['none', t.proxy.none],
            ['pac', t.proxy.pac],
            ['manual', t.proxy.manual],
          ]}
        />
        {mode === 'manual' && (
          <label>
            {t.proxy.url}
            <input autoComplete="off" value={value.proxy} placeholder={t.proxy.urlPlaceholder} onChange={(e) => onChange('proxy', e.target.value.trim())} />
          </label>
        )}
        {mode === 'pac' && (
          <label>
            {t.proxy.pacUrl}
            <input autoComplete="off" value={value.pacUrl} placeholder={t.proxy.pacUrlPlaceholder} onChange={(e) => onChange('pacUrl', e.target.value.trim())} />
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

import { useEffect, useState } from 'react';
import type { TransferSnapshot } from '../../../shared/model.ts';
import { t } from '../i18n/catalog.ts';
import { retryWords } from '../error-words.ts';

/** "Retrying in 4 s (ConnectionReset)": ticks each second while a retry is pending (and the link is live). */
export function useRetryText(tr: TransferSnapshot | undefined, live: boolean): string | null {
  const [now, setNow] = useState(() => Date.now());
  const retryAt = live && tr?.state === 'retrying' && tr.retryAt ? Date.parse(tr.retryAt) : null;
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  if (retryAt === null || !tr) return null;
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const reason = tr.retries.at(-1)?.status;
  return t.row.retryingIn(seconds, reason ? retryWords(reason) : null);
}

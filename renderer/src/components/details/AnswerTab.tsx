// The details pane's Server answer tab (uploads): the status, type and the first of the body the
// server sent back (the engine keeps 64 KiB; 2,000 characters are shown).
import type { TransferSnapshot } from '../../../../shared/model.ts';
import { t } from '../../i18n/catalog.ts';

const SHOWN = 2000;

export function AnswerTab({ tr }: { tr: TransferSnapshot }) {
  const response = tr.response;
  if (!response) return <p className="muted">{t.details.noAnswerYet}</p>;
  const more = response.truncated || (response.body?.length ?? 0) > SHOWN;
  return (
    <dl className="details">
      <div className="detail">
        <dt>{t.details.answered}</dt>
        <dd>
          {t.details.answer(response.status, response.contentType)}
          {response.body && <pre className="response">{`${response.body.slice(0, SHOWN)}${more ? '\n…' : ''}`}</pre>}
        </dd>
      </div>
    </dl>
  );
}

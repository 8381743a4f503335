import { useFerry } from '../state/context.tsx';
import { Dialog } from './Dialog.tsx';

/** The store's question (removing unfinished transfers, deleting a file, "anyway"): the safe answer first, focused, and Escape keeps. */
export function QuestionDialog() {
  const question = useFerry((s) => s.question);
  const answer = useFerry((s) => s.answer);
  if (!question) return null;
  return (
    <Dialog title={question.title} onClose={() => answer(false)}>
      <p className="question">{question.body}</p>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => answer(false)}>
          {question.keep}
        </button>
        <button type="button" className="danger" onClick={() => answer(true)}>
          {question.go}
        </button>
      </div>
    </Dialog>
  );
}

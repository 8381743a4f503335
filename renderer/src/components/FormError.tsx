// What is wrong with a form, said at once: one problem as a sentence, several (the add form's bad
// address lines, one per line of the text) as a list, so each can be found and fixed.
export function FormError({ id, text }: { id: string; text: string }) {
  const problems = text.split('\n');
  return (
    <div className="form-error" id={id} role="alert">
      {problems.length === 1 ? (
        <p>{text}</p>
      ) : (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A labelled choice of the forms: the label's words, then the select with one option per [value, words]. */
export function SelectField<V extends string>({ label, value, options, onChange, disabled }: { label: string; value: V; options: ReadonlyArray<readonly [V, string]>; onChange: (value: V) => void; disabled?: boolean }) {
  return (
    <label>
      {label}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)}>
        {options.map(([option, words]) => (
          <option key={option} value={option}>
            {words}
          </option>
        ))}
      </select>
    </label>
  );
}

// Settings' Categories: each file type's extensions and the folder its downloads go to when they
// are given none (empty: the download folder).
import { useState } from 'react';
import type { Categories } from '../../../shared/categories.ts';
import { CATEGORY_IDS } from '../../../shared/categories.ts';
import { t } from '../i18n/catalog.ts';
import { FolderField } from './FolderField.tsx';

export function CategoriesEditor({ categories, onChange }: { categories: Categories; onChange: (categories: Categories) => void }) {
  const change = (id: (typeof CATEGORY_IDS)[number], patch: Partial<Categories[typeof id]>) => onChange({ ...categories, [id]: { ...categories[id], ...patch } });
  // The extensions as typed (a space or comma between them), so a separator being typed stays.
  const [typed, setTyped] = useState<Record<string, string>>(() => Object.fromEntries(CATEGORY_IDS.map((id) => [id, categories[id].extensions.join(' ')])));
  return (
    <>
      <p className="limit-hint">{t.settings.categoriesHint}</p>
      {CATEGORY_IDS.map((id) => (
        <fieldset key={id} className="category">
          <legend>{t.categories[id]}</legend>
          <div className="row">
            <label>
              {t.settings.categoryExtensions}
              <input
                value={typed[id]}
                onChange={(e) => {
                  setTyped({ ...typed, [id]: e.target.value });
                  change(id, { extensions: e.target.value.toLowerCase().split(/[\s,]+/).map((x) => x.replace(/^\./, '')).filter(Boolean) });
                }}
              />
            </label>
            <FolderField label={t.settings.categoryFolder} value={categories[id].folder ?? ''} placeholder={t.settings.categoryNoFolder} onChange={(dir) => change(id, { folder: dir.trim() || null })} />
          </div>
        </fieldset>
      ))}
    </>
  );
}

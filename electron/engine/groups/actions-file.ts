// Reads a host's actions file (shared/named-actions.ts) each time it is asked, so an edit applies
// to the next group without a restart; no file means no actions, a bad one says what is wrong.
import fs from 'node:fs';
import { parseActionsFile, type NamedActions } from '../../../shared/named-actions.ts';

export function actionsFileReader(file: string): () => NamedActions {
  return () => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    return parseActionsFile(text, file);
  };
}

// The words of the UI: one catalog per language (en.ts is the only one yet, and the shape every
// translation copies). Components take every word they show from `t`, never a literal of their own
// (test/renderer/no-literals.test.ts holds them to it).
import { en, type Catalog } from './en.ts';

export type { Catalog };
export const t: Catalog = en;

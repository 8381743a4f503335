// An esbuild plugin for the bundles: `mime-types` becomes its own answers, worked out at build time.
// Why: mime-types builds its extension table at load from mime-db (a ~200 kB object, then a score
// for every type), about 20 ms of every `ferry upload` start, for the one lookup an upload makes.
// The table here is mime-types' own (its `types` map after that build), and `lookup` is its code,
// so the bundle answers exactly as the library does (test/unit/content-types-table.test.ts checks
// every extension). Running from the sources uses the library itself.
import { createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'content-types-table';
const requireHere = createRequire(import.meta.url);

/** The module's source: mime-types' `lookup` over its table, with nothing built at load. */
export function contentTypesModule(): string {
  const { types } = requireHere('mime-types') as { types: Record<string, string> };
  // JSON.parse of a string is faster than evaluating the same object as a literal.
  return [
    "import { extname } from 'node:path';",
    `const types = JSON.parse(${JSON.stringify(JSON.stringify(types))});`,
    'export function lookup(path) {',
    "  if (!path || typeof path !== 'string') return false;",
    "  const extension = extname('x.' + path).toLowerCase().slice(1);",
    '  if (!extension) return false;',
    '  return types[extension] || false;',
    '}',
    'export default { lookup };',
    '',
  ].join('\n');
}

export const contentTypesTable: Plugin = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^mime-types$/ }, () => ({ path: 'mime-types', namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: contentTypesModule(), loader: 'js', resolveDir: import.meta.dirname }));
  },
};

/** True for the metafile input this plugin makes up (it is not a file). */
export function isContentTypesTable(metafileInput: string): boolean {
  return metafileInput.startsWith(`${NAMESPACE}:`);
}

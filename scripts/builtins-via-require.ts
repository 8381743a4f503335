// An esbuild plugin for ESM bundles on Node: `import ... from 'node:http'` becomes require('node:http').
// Why: Node builds an ESM facade for every builtin imported, reading every export it has, and some
// exports are lazy getters that load a lot: node:http's loads Node's bundled undici (for
// http.WebSocket), so importing node:http took ~30 ms against ~3.5 ms through require. The named
// exports offered are the builtin's plain data properties (reading them runs nothing) and the
// `promises` getters (fs, dns, stream...: cheap, and imported by name); importing any other getter
// fails the build, where it is seen, rather than at run time.
import { builtinModules, createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

const requireHere = createRequire(import.meta.url);
const NAMESPACE = 'builtin-via-require';

/** Names a module cannot bind (strict mode); no builtin uses them today. */
const RESERVED = new Set(['default', 'await', 'enum', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield']);

function dataExports(name: string): string[] {
  const mod = requireHere(`node:${name}`) as Record<string, unknown>;
  return Object.keys(mod).filter((key) => {
    if (RESERVED.has(key) || !/^[A-Za-z_$][\w$]*$/.test(key)) return false;
    return key === 'promises' || 'value' in Object.getOwnPropertyDescriptor(mod, key)!;
  });
}

/** True for the metafile inputs this plugin makes up (they are not files). */
export function isBuiltinShim(metafileInput: string): boolean {
  return metafileInput.startsWith(`${NAMESPACE}:`);
}

/**
 * Builtins a library imports (its default export only) but uses on rare paths: given a default
 * that loads the builtin at its first use. commander runs child_process only for executable
 * subcommands (ferry has none); loading it cost every command's start ~5 ms. A named import of
 * one of them is not offered, so the build fails where it is seen.
 */
const LAZY_DEFAULTS: readonly { builtin: string; importer: RegExp }[] = [{ builtin: 'child_process', importer: /[\\/]node_modules[\\/]commander[\\/]/ }];

const LAZY_PREFIX = 'lazy:';

export const builtinsViaRequire: Plugin = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_][a-z_/0-9]*$/ }, (args) => {
      // Only ESM imports: the require() in the module made below must stay a real require.
      if (args.kind !== 'import-statement') return undefined;
      const name = args.path.replace(/^node:/, '');
      if (!builtinModules.includes(name)) return undefined;
      const lazy = LAZY_DEFAULTS.some((l) => l.builtin === name && l.importer.test(args.importer));
      return { path: lazy ? `${LAZY_PREFIX}${name}` : name, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      if (args.path.startsWith(LAZY_PREFIX)) {
        const builtin = args.path.slice(LAZY_PREFIX.length);
        return { contents: `export default new Proxy({}, { get: (_, key) => require('node:${builtin}')[key] });\n`, loader: 'js' };
      }
      const names = dataExports(args.path);
      const contents = `const m = require('node:${args.path}');\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
      return { contents, loader: 'js' };
    });
  },
};

// Lint, including the process boundaries of DESIGN.md: the engine never imports electron;
// renderer and electron/ meet only in shared/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectronRuntime = {
  name: 'electron',
  message: "The engine and everything that runs under plain Node must not import 'electron' (use `import type` at most and receive Electron objects by injection).",
  allowTypeImports: true,
};
const onlySharedWithRenderer = { group: ['**/renderer/**'], message: 'Only shared/ is common to the renderer and electron/.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'coverage/', 'e2e/artifacts/', 'test-results/', 'bench/.work/', 'bench/.work-upload/', 'bench/.work-many/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests exercise both sides, so they may import the renderer; nothing under plain Node imports electron.
    files: ['test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noElectronRuntime] }] },
  },
  {
    files: ['electron/engine/**', 'electron/daemon/**', 'shared/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectronRuntime],
          patterns: [onlySharedWithRenderer],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectronRuntime],
          patterns: [
            onlySharedWithRenderer,
            { group: ['**/main/**', '**/preload/**', '**/daemon/**'], message: 'The engine does not depend on its hosts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [onlySharedWithRenderer] },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.ferry.' }],
          patterns: [{ group: ['**/electron/**', 'node:*'], message: 'The renderer imports only from shared/ and browser libraries.' }],
        },
      ],
    },
  },
);

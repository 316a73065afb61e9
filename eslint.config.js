import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layerImports from './lint/layerImports.js';

/** Rendering and UI-state packages: only the store (zustand) and the UI (React, React Flow) use them. */
const UI_PACKAGES = ['react', 'react-dom', '@xyflow/*', 'zustand'];

/**
 * The layers of ARCHITECTURE.md: what each folder under src/ may import (`may`), import only as types
 * (`typesFrom`), and which packages it may not (`bannedPackages`) or may only (`packagesOnly`) import.
 * test/lint/layers.test.ts pins every line of this table: loosening one fails it.
 */
const LAYERS = {
  engine: { may: [], packagesOnly: ['zod', 'sql.js'] },
  models: { may: ['engine'], typesFrom: ['persistence'], bannedPackages: UI_PACKAGES },
  persistence: { may: ['engine'], bannedPackages: UI_PACKAGES },
  format: { may: ['engine'], bannedPackages: UI_PACKAGES },
  apps: { may: ['engine', 'models'], bannedPackages: UI_PACKAGES },
  // The run worker reads a file to import (format's reader) off the page's thread.
  worker: { may: ['engine', 'models', 'apps', 'persistence', 'format'], bannedPackages: UI_PACKAGES },
  store: { may: ['engine', 'models', 'persistence', 'format', 'apps', 'worker'], bannedPackages: ['react-dom', '@xyflow/react'] },
  // The composition root the store rewrite brings: it opens the workspace and wires the stores.
  studio: { may: ['engine', 'models', 'persistence', 'format', 'apps', 'worker', 'store'], bannedPackages: ['react-dom', '@xyflow/react'] },
  // The UI receives its studio through React context: it names the Studio type, never builds one.
  ui: { may: ['engine', 'models', 'persistence', 'format', 'apps', 'worker', 'store'], typesFrom: ['studio'] },
  cli: { may: ['engine', 'models', 'apps', 'format', 'persistence'], bannedPackages: UI_PACKAGES },
  // src/main.tsx and any composition root beside it: they wire the layers; no layer imports them.
  root: { may: ['engine', 'models', 'persistence', 'format', 'apps', 'worker', 'store', 'studio', 'ui'] },
};

/** Web Storage belongs to one persistence module; everywhere else it would bypass the workspace. */
const STORAGE_MODULE = 'src/persistence/journal.ts';
const STORAGE_GLOBALS = ['localStorage', 'sessionStorage'].map((name) => ({
  name,
  message: `Web Storage is used only in ${STORAGE_MODULE}.`,
}));
/** The engine runs unchanged in Node, a Worker and the page. */
const ENGINE_GLOBALS = ['window', 'document', 'indexedDB', 'navigator', 'fetch', 'XMLHttpRequest', 'process'];
/** `checkGlobalObject` also catches window.localStorage, globalThis.localStorage and self.localStorage. */
const restrictGlobals = (names) => ['error', { globals: names, checkGlobalObject: true }];

export default tseslint.config(
  { ignores: ['dist', '.e2e-dist', '.bench-dist', '.scratch-*', 'node_modules', 'test-results', 'playwright-report', 'docs/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts'],
    plugins: { layers: layerImports },
    rules: {
      'layers/imports': ['error', { layers: LAYERS }],
      'no-restricted-globals': restrictGlobals(STORAGE_GLOBALS),
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: { 'no-restricted-globals': restrictGlobals([...ENGINE_GLOBALS, ...STORAGE_GLOBALS]) },
  },
  {
    // A store's state lives in the instance its factory makes: module-level let/var would be shared by every studio (and test).
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: ":matches(Program, ExportNamedDeclaration) > VariableDeclaration[kind!='const']",
          message: 'No module-level let or var in src/store: keep mutable state inside the store its factory makes.',
        },
      ],
    },
  },
  {
    files: [STORAGE_MODULE],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', 'bench/**', 'src/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**', 'e2e/**', 'src/**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);

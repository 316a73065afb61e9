import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers import only downward: engine → models/persistence → store → ui. */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist', '.e2e-dist', '.bench-dist', '.scratch-*', 'node_modules', 'test-results', 'playwright-report', 'docs/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The engine is pure TypeScript: it runs unchanged in Node, a Worker and the page.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      ...forbid(
        ['react', 'react-*', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'idb-keyval', '**/models/**', '**/persistence/**', '**/store/**', '**/ui/**', 'node:*', 'fs', 'path'],
        'src/engine must stay pure: no React, DOM, storage or higher layers.',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage', 'sessionStorage', 'navigator', 'fetch', 'XMLHttpRequest', 'process'],
    },
  },
  {
    files: ['src/models/**/*.ts', 'src/persistence/**/*.ts'],
    rules: forbid(['react', 'react-dom', '@xyflow/*', '**/store/**', '**/ui/**'], 'models and persistence sit below the store and the UI.'),
  },
  {
    files: ['src/format/**/*.ts'],
    rules: forbid(['react', 'react-dom', '@xyflow/*', '**/store/**', '**/ui/**', '**/persistence/**', '**/worker/**'], 'the format is pure: engine and zod only.'),
  },
  {
    files: ['src/apps/**/*.ts', 'src/worker/**/*.ts'],
    rules: forbid(['react', 'react-dom', '@xyflow/*', '**/store/**', '**/ui/**'], 'apps and the worker sit below the store and the UI.'),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: forbid(['react-dom', '@xyflow/react', '**/ui/**'], 'the store sits below the UI.'),
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

/**
 * The lint rules that hold the layers of ARCHITECTURE.md. Each case lints one fixture source with the
 * project's eslint.config.js and checks that the named rule reports it (forbidden) or that nothing does
 * (allowed). The table below is written independently of the config: loosening a rule fails a case.
 */
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/** What each layer may import, from ARCHITECTURE.md; every other layer is forbidden to it. */
const MAY_IMPORT = {
  engine: [],
  models: ['engine'],
  persistence: ['engine'],
  format: ['engine'],
  apps: ['engine', 'models'],
  worker: ['engine', 'models', 'apps', 'persistence', 'format'],
  store: ['engine', 'models', 'persistence', 'format', 'apps', 'worker'],
  studio: ['engine', 'models', 'persistence', 'format', 'apps', 'worker', 'store'],
  ui: ['engine', 'models', 'persistence', 'format', 'apps', 'worker', 'store'],
  cli: ['engine', 'models', 'apps', 'format', 'persistence'],
} as const satisfies Record<string, readonly string[]>;

type Layer = keyof typeof MAY_IMPORT;
const LAYERS = Object.keys(MAY_IMPORT) as Layer[];
const LAYER_RULE = 'layers/imports';
const GLOBALS_RULE = 'no-restricted-globals';

const eslint = new ESLint({ overrideConfigFile: 'eslint.config.js' });
// The first lint loads the config, the parser and the plugins (seconds on a busy machine): done once here, not inside the first case's time.
beforeAll(() => eslint.lintText('', { filePath: 'src/engine/warm-up.ts' }), 120_000);

const lint = async (code: string, filePath: string): Promise<Linter.LintMessage[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages ?? [];
};

/** Fails unless `ruleId` reports an error (and shows what was reported instead). */
const expectReported = async (ruleId: string, code: string, filePath: string) => {
  const messages = await lint(code, filePath);
  const reported = messages.filter((m) => m.severity === 2 && m.ruleId === ruleId);
  expect(reported, JSON.stringify(messages)).not.toHaveLength(0);
};

/** Fails if anything reports an error: an allowed import lints clean. */
const expectClean = async (code: string, filePath: string) => {
  const errors = (await lint(code, filePath)).filter((m) => m.severity === 2);
  expect(errors).toEqual([]);
};

/**
 * Lints one file made of `lines` (one fixture per rule keeps the test fast) and returns the lines
 * `ruleId` reports, plus every error from any other rule (a fixture must be clean apart from them).
 */
const reportedLines = async (lines: readonly string[], filePath: string, ruleId: string) => {
  const errors = (await lint(`${lines.join('\n')}\n`, filePath)).filter((m) => m.severity === 2);
  const reported = new Set(errors.filter((m) => m.ruleId === ruleId).map((m) => lines[m.line - 1]));
  return { reported: lines.filter((line) => reported.has(line)), others: errors.filter((m) => m.ruleId !== ruleId) };
};

const importing = (specifier: string) => `import * as target from '${specifier}';\nexport default target;\n`;
const fixtureIn = (layer: string) => `src/${layer}/layerFixture.ts`;

/** A bare folder import and a deep one, as a file directly inside `from` writes them. */
const spellings = (to: string) => [`../${to}`, `../${to}/some/module`];

const sideEffectImport = (specifier: string) => `import '${specifier}';`;

describe('Layer imports', () => {
  it.each(LAYERS)('src/%s imports only the layers ARCHITECTURE.md allows, bare or deep', async (from) => {
    const others = LAYERS.filter((to) => to !== from);
    const isAllowed = (to: Layer) => (MAY_IMPORT[from] as readonly string[]).includes(to);
    const lines = [...others.flatMap(spellings).map(sideEffectImport), sideEffectImport('./sibling')];
    const forbidden = others
      .filter((to) => !isAllowed(to))
      .flatMap(spellings)
      .map(sideEffectImport);

    const result = await reportedLines(lines, fixtureIn(from), LAYER_RULE);
    expect(result.others).toEqual([]);
    expect(result.reported).toEqual(forbidden);
  });
});

describe('A forbidden import is caught however it is written', () => {
  const engineFile = fixtureIn('engine');

  it.each(['../models/', '../models/index', './../models', '../../src/models/catalog', '../engine/../models', '../models?raw'])(
    'from src/engine: %s',
    async (specifier) => {
      await expectReported(LAYER_RULE, importing(specifier), engineFile);
    },
  );

  it('from a nested folder', async () => {
    await expectReported(LAYER_RULE, importing('../../apps/catalog'), 'src/engine/nested/layerFixture.ts');
    await expectReported(LAYER_RULE, importing('../../../worker/protocol'), 'src/persistence/a/b/layerFixture.ts');
  });

  it.each([
    ['a re-export of everything', "export * from '../models';"],
    ['a named re-export', "export { catalog } from '../apps/catalog';"],
    ['a dynamic import', "export const load = () => import('../format');"],
    ['a Vite glob', "export const modules = import.meta.glob('../store/*.ts');"],
    ['a type-only import where types are not allowed', "import type { Thing } from '../models';\nexport type Alias = Thing;"],
    ['an import() type', "export type Alias = typeof import('../ui/App');"],
  ])('as %s', async (_form, code) => {
    await expectReported(LAYER_RULE, code, engineFile);
  });
});

describe('Models take only types from persistence', () => {
  it('allows `import type` and `export type`', async () => {
    await expectClean("import type { Thing } from '../persistence/types';\nexport type Alias = Thing;\n", fixtureIn('models'));
    await expectClean("export type { Thing } from '../../persistence';\n", 'src/models/code/layerFixture.ts');
  });

  it.each([
    ['a value import', importing('../persistence/types')],
    // verbatimModuleSyntax keeps `import { type X }` as a runtime import of the module.
    ['inline type specifiers', "import { type Thing } from '../persistence';\nexport type Alias = Thing;\n"],
    ['a dynamic import', "export const load = () => import('../persistence/workspace');"],
  ])('reports %s', async (_form, code) => {
    await expectReported(LAYER_RULE, code, fixtureIn('models'));
  });
});

describe('The UI takes only types from the studio (the composition root)', () => {
  it('allows `import type`', async () => {
    const code = "import type { Studio } from '../../studio/createStudio';\nexport type Alias = Studio;\n";
    await expectClean(code, 'src/ui/hooks/layerFixture.ts');
  });

  it('reports a value import', async () => {
    await expectReported(LAYER_RULE, importing('../studio/browserStudio'), fixtureIn('ui'));
  });
});

describe('Imports that leave the layer table', () => {
  it('no layer imports the files directly under src/', async () => {
    await expectReported(LAYER_RULE, importing('../main'), fixtureIn('engine'));
    await expectReported(LAYER_RULE, importing('../bootstrap'), fixtureIn('ui'));
  });

  it('src/main.tsx may import the layers but not the CLI', async () => {
    await expectClean(importing('./ui/App'), 'src/main.tsx');
    await expectClean(importing('./studio/browserStudio'), 'src/main.tsx');
    await expectReported(LAYER_RULE, importing('./cli/main'), 'src/main.tsx');
  });

  it('code under src/ does not import from outside src/', async () => {
    await expectReported(LAYER_RULE, importing('../../test/fixtures/arithmeticFile'), fixtureIn('engine'));
  });

  it('a folder under src/ missing from the table is reported, as a file and as a target', async () => {
    await expectReported(LAYER_RULE, 'export const x = 1;\n', 'src/hooks/useThing.ts');
    await expectReported(LAYER_RULE, importing('../hooks/useThing'), fixtureIn('ui'));
  });
});

describe('Packages', () => {
  const UI_PACKAGES = ['react', 'react-dom/client', '@xyflow/react', 'zustand'];

  it('src/engine imports no package but zod and sql.js', async () => {
    const banned = [
      ...['react', 'react-dom/client', '@xyflow/react', '@xyflow/system', 'zustand', 'zustand/vanilla', 'idb-keyval'],
      ...['node:fs', 'fs', 'path', 'arquero'],
    ];
    const lines = [...banned, 'zod', 'sql.js'].map(sideEffectImport);
    const result = await reportedLines(lines, fixtureIn('engine'), LAYER_RULE);
    expect(result.others).toEqual([]);
    expect(result.reported).toEqual(banned.map(sideEffectImport));
  });

  it('src/engine may not load a package dynamically either', async () => {
    await expectReported(LAYER_RULE, "export const load = () => import('react');", fixtureIn('engine'));
  });

  const belowStore: Layer[] = ['models', 'persistence', 'format', 'apps', 'worker', 'cli'];
  it.each(belowStore)('src/%s may not import React, React Flow or zustand', async (layer) => {
    const lines = UI_PACKAGES.map(sideEffectImport);
    const result = await reportedLines(lines, fixtureIn(layer), LAYER_RULE);
    expect(result.others).toEqual([]);
    expect(result.reported).toEqual(lines);
  });

  it.each(['react-dom/client', '@xyflow/react'])('src/store may not import %s', async (name) => {
    await expectReported(LAYER_RULE, importing(name), fixtureIn('store'));
  });

  it.each([
    ['store', 'zustand/vanilla'],
    ['store', '@xyflow/system'],
    ['ui', 'react'],
    ['ui', '@xyflow/react'],
    ['persistence', 'idb-keyval'],
  ])('src/%s may import %s', async (layer, name) => {
    await expectClean(importing(name), fixtureIn(layer));
  });
});

describe('Globals', () => {
  it('src/engine may not use the DOM, the network or Node globals', async () => {
    const names = ['window', 'document', 'indexedDB', 'navigator', 'fetch', 'XMLHttpRequest', 'process'];
    const lines = names.map((name) => `export const use${name} = ${name};`);
    const result = await reportedLines(lines, fixtureIn('engine'), GLOBALS_RULE);
    expect(result.others).toEqual([]);
    expect(result.reported).toEqual(lines);
  });

  const storageUses = [
    ...['localStorage.getItem("k")', 'sessionStorage.clear()'],
    ...['window.localStorage.getItem("k")', 'globalThis.sessionStorage.clear()', 'self.localStorage.clear()'],
  ];
  const storageLines = storageUses.map((use, i) => `export const use${i} = () => ${use};`);

  const layers = ['ui', 'store', 'persistence', 'models', 'worker', 'cli', 'engine'];
  it.each(layers)('src/%s may not use Web Storage, bare or through a global object', async (layer) => {
    const result = await reportedLines(storageLines, fixtureIn(layer), GLOBALS_RULE);
    expect(result.others).toEqual([]);
    expect(result.reported).toEqual(storageLines);
  });

  it('src/persistence/journal.ts may use it', async () => {
    await expectClean(`${storageLines.join('\n')}\n`, 'src/persistence/journal.ts');
  });
});

describe('eqeqeq', () => {
  const files = ['src/engine/layerFixture.ts', 'src/ui/layerFixture.tsx', 'test/lint/fixture.test.ts', 'scripts/fixture.mjs'];
  it.each(files)('reports == in %s', async (filePath) => {
    await expectReported('eqeqeq', 'export const same = (a, b) => a == b;\n', filePath);
  });

  it('allows == null', async () => {
    await expectClean('export const missing = (a: unknown) => a == null;\n', fixtureIn('engine'));
  });
});

describe('No module-level mutable state in stores', () => {
  const RULE = 'no-restricted-syntax';
  it('reports module-level let, exported or not (var is refused everywhere by no-var)', async () => {
    const lines = ['let count = 0;', 'export let shared = 1;'];
    const result = await reportedLines([...lines, 'export const bump = () => [(count += 1), (shared += 1)];'], 'src/store/run/fixture.ts', RULE);
    expect(result.others).toEqual([]);
    expect(result.reported).toEqual(lines);
  });

  it('allows module-level const and let inside functions', async () => {
    const code = ['export const limit = 3;', 'export const next = () => {', '  let n = limit;', '  n += 1;', '  return n;', '};', ''];
    await expectClean(code.join('\n'), 'src/store/run/fixture.ts');
  });

  it('holds only in src/store', async () => {
    await expectClean('export let shared = 1;\nexport const bump = () => (shared += 1);\n', fixtureIn('ui'));
  });
});

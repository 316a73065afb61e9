/**
 * The lint rules that hold the layers of ARCHITECTURE.md. Each case lints one fixture source with the
 * project's eslint.config.js and checks that the named rule reports it (forbidden) or that nothing does
 * (allowed). The table below is written independently of the config: loosening a rule fails a case.
 */
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

/** What each layer may import, from ARCHITECTURE.md; every other layer is forbidden to it. */
const MAY_IMPORT = {
  engine: [],
  models: ['engine'],
  persistence: ['engine'],
  format: ['engine'],
  apps: ['engine', 'models'],
  worker: ['engine', 'models', 'apps', 'persistence'],
  store: ['engine', 'models', 'persistence', 'format', 'apps', 'worker'],
  ui: ['engine', 'models', 'persistence', 'format', 'apps', 'worker', 'store'],
  cli: ['engine', 'models', 'apps', 'format', 'persistence'],
} as const satisfies Record<string, readonly string[]>;

type Layer = keyof typeof MAY_IMPORT;
const LAYERS = Object.keys(MAY_IMPORT) as Layer[];
const LAYER_RULE = 'layers/imports';
const GLOBALS_RULE = 'no-restricted-globals';

const eslint = new ESLint({ overrideConfigFile: 'eslint.config.js' });

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

const importing = (specifier: string) => `import * as target from '${specifier}';\nexport default target;\n`;
const fixtureIn = (layer: string) => `src/${layer}/layerFixture.ts`;

/** A bare folder import and a deep one, as a file directly inside `from` writes them. */
const spellings = (to: string) => [`../${to}`, `../${to}/some/module`];

const pairs = (allowed: boolean) =>
  LAYERS.flatMap((from) =>
    LAYERS.filter((to) => to !== from && (MAY_IMPORT[from] as readonly string[]).includes(to) === allowed).flatMap(
      (to) => spellings(to).map((specifier) => [from, to, specifier] as const),
    ),
  );

describe('Layer imports', () => {
  it.each(pairs(false))('src/%s may not import src/%s as %s', async (from, _to, specifier) => {
    await expectReported(LAYER_RULE, importing(specifier), fixtureIn(from));
  });

  it.each(pairs(true))('src/%s may import src/%s as %s', async (from, _to, specifier) => {
    await expectClean(importing(specifier), fixtureIn(from));
  });

  it.each(LAYERS)('src/%s imports its own modules', async (layer) => {
    await expectClean(importing('./sibling'), fixtureIn(layer));
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
    ['inline type specifiers (still a runtime import under verbatimModuleSyntax)', "import { type Thing } from '../persistence';\nexport type Alias = Thing;\n"],
    ['a dynamic import', "export const load = () => import('../persistence/workspace');"],
  ])('reports %s', async (_form, code) => {
    await expectReported(LAYER_RULE, code, fixtureIn('models'));
  });
});

describe('Imports that leave the layer table', () => {
  it('no layer imports the files directly under src/', async () => {
    await expectReported(LAYER_RULE, importing('../main'), fixtureIn('engine'));
    await expectReported(LAYER_RULE, importing('../bootstrap'), fixtureIn('ui'));
  });

  it('src/main.tsx may import the layers but not the CLI', async () => {
    await expectClean(importing('./ui/App'), 'src/main.tsx');
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

  it.each(['react', 'react-dom/client', '@xyflow/react', '@xyflow/system', 'zustand', 'zustand/vanilla', 'idb-keyval', 'node:fs', 'fs', 'path', 'arquero'])(
    'src/engine may not import %s',
    async (name) => {
      await expectReported(LAYER_RULE, importing(name), fixtureIn('engine'));
    },
  );

  it('src/engine may not load a package dynamically either', async () => {
    await expectReported(LAYER_RULE, "export const load = () => import('react');", fixtureIn('engine'));
  });

  it.each(['zod', 'sql.js'])('src/engine may import %s', async (name) => {
    await expectClean(importing(name), fixtureIn('engine'));
  });

  const belowStore: Layer[] = ['models', 'persistence', 'format', 'apps', 'worker', 'cli'];
  it.each(belowStore.flatMap((layer) => UI_PACKAGES.map((name) => ({ layer, name }))))(
    'src/$layer may not import $name',
    async ({ layer, name }) => {
      await expectReported(LAYER_RULE, importing(name), fixtureIn(layer));
    },
  );

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
  it.each(['window', 'document', 'indexedDB', 'navigator', 'fetch', 'XMLHttpRequest', 'process', 'localStorage'])(
    'src/engine may not use %s',
    async (name) => {
      await expectReported(GLOBALS_RULE, `export const used = ${name};\n`, fixtureIn('engine'));
    },
  );

  const storageUses = ['localStorage.getItem("k")', 'sessionStorage.clear()', 'window.localStorage.getItem("k")', 'globalThis.sessionStorage.clear()', 'self.localStorage.clear()'];

  it.each(['ui', 'store', 'persistence', 'models', 'worker', 'cli'].flatMap((layer) => storageUses.map((use) => ({ layer, use }))))(
    'src/$layer may not use $use',
    async ({ layer, use }) => {
      await expectReported(GLOBALS_RULE, `export const used = () => ${use};\n`, fixtureIn(layer));
    },
  );

  it.each(storageUses)('src/persistence/journal.ts may use %s', async (use) => {
    await expectClean(`export const used = () => ${use};\n`, 'src/persistence/journal.ts');
  });
});

describe('eqeqeq', () => {
  it.each(['src/engine/layerFixture.ts', 'src/ui/layerFixture.tsx', 'test/lint/fixture.test.ts', 'scripts/fixture.mjs'])('reports == in %s', async (filePath) => {
    await expectReported('eqeqeq', 'export const same = (a, b) => a == b;\n', filePath);
  });

  it('allows == null', async () => {
    await expectClean('export const missing = (a: unknown) => a == null;\n', fixtureIn('engine'));
  });
});

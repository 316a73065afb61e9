import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { editorNotice, nodeIds, openEditor } from './editor.helpers';

interface StepLike {
  id: string;
  model: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  params?: Record<string, unknown>;
}

const good = () => ({
  format: 'swark.workflow',
  version: 1,
  name: 'Sum',
  workflow: {
    useExtracts: true,
    populateExtracts: true,
    steps: [
      { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
      { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
      { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'add.sum' } },
    ] as StepLike[],
  },
  layout: { x: { x: 0, y: 0 }, y: { x: 0, y: 160 }, add: { x: 300, y: 80 } } as Record<string, { x: number; y: number; label?: string }>,
});

async function importText(page: Page, text: string, name = 'file.swark.json') {
  await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function expectNothingChanged(page: Page, before: { workflows: number; nodes: string[] }) {
  await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(before.workflows);
  await expect.poll(() => nodeIds(page)).toEqual(before.nodes);
}

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const BAD_CASES: { name: string; text: () => string; message: RegExp }[] = [
  {
    name: 'case 14: a truncated file',
    text: () => JSON.stringify(good(), null, 2).slice(0, 120),
    message: /it ends at line \d+, column \d+ \(character 121\), before the JSON is complete/,
  },
  { name: 'case 14: an empty file', text: () => '', message: /The file is empty \(0 bytes\)/ },
  { name: 'not JSON', text: () => '{ "format": ', message: /not valid JSON/ },
  {
    name: 'case 20: too deeply nested',
    text: () => JSON.stringify({ ...good(), state: { deep: '__DEEP__' } }).replace('"__DEEP__"', deep(200)),
    message: /nests deeper than 64 levels/,
  },
  {
    name: 'case 15: a __proto__ key',
    text: () => JSON.stringify(good()).replace('"params":{"value":2}', '"params":{"__proto__":{"polluted":true}}'),
    message: /key "__proto__"/,
  },
  {
    name: 'case 15: a constructor key',
    text: () => JSON.stringify(good()).replace('"layout":{', '"layout":{"constructor":{"x":1,"y":1},'),
    message: /key "constructor"/,
  },
  { name: 'case 19: a newer format version', text: () => JSON.stringify({ ...good(), version: 99 }), message: /format version 99, newer than this app reads/ },
  { name: 'an unknown key (strict schema)', text: () => JSON.stringify({ ...good(), extra: 1 }), message: /unknown key "extra"/ },
  {
    name: 'case 18: duplicate step ids',
    text: () => {
      const file = good();
      file.workflow.steps[1] = { ...file.workflow.steps[1]!, id: 'x', outputs: { value: 'x2.value' } };
      return JSON.stringify(file);
    },
    message: /Step "x" appears 2 times/,
  },
  {
    name: 'case 18: a mapping to nothing',
    text: () => {
      const file = good();
      file.workflow.steps[2] = { ...file.workflow.steps[2]!, inputs: { 'x.value': 'a', 'nowhere.value': 'b' } };
      return JSON.stringify(file);
    },
    message: /Step "add" reads state slot "nowhere.value" \(for field "b"\), but no step writes it/,
  },
  {
    name: 'a cycle',
    text: () => {
      const file = good();
      file.workflow.steps.push({ id: 'back', model: 'math.add', inputs: { 'add.sum': 'a' }, outputs: { sum: 'y.value' } } as never);
      file.workflow.steps[1] = { id: 'y-gone', model: 'input.number', inputs: {}, outputs: { value: 'unused' }, params: { value: 1 } };
      return JSON.stringify(file);
    },
    message: /Steps "add" → "back" → "add" form a cycle/,
  },
  {
    name: 'a step field the model does not have',
    text: () => {
      const file = good();
      file.workflow.steps[2] = { ...file.workflow.steps[2]!, params: { c: 1 } } as never;
      return JSON.stringify(file);
    },
    message: /Step "add" sets param "c", which model "math.add" does not have/,
  },
];

test.describe('When a bad file is imported', () => {
  for (const bad of BAD_CASES) {
    test(`${bad.name}: its message shows and nothing changes`, async ({ page }) => {
      await openEditor(page);
      await page.getByTestId('new-from-template').selectOption('arithmetic');
      await expect(page.locator('.react-flow__node')).toHaveCount(5);
      const before = { workflows: await page.getByTestId('workflow-list').locator('li').count(), nodes: await nodeIds(page) };
      await importText(page, bad.text());
      const alert = editorNotice(page);
      await expect(alert).toContainText('nothing changed');
      await expect(alert).toContainText(bad.message);
      await expect(alert).toHaveAttribute('role', 'alert');
      await expectNothingChanged(page, before);
      // In the page itself: a copy returned to Node would lose an inherited key.
      expect(await page.evaluate(() => [typeof ({} as Record<string, unknown>).polluted, 'polluted' in Object.prototype])).toEqual(['undefined', false]);
    });
  }
});

test.describe('When a file has an unknown model or code', () => {
  test('case 19: the unknown model becomes a visible missing-model placeholder', async ({ page }) => {
    await openEditor(page);
    const file = good();
    file.workflow.steps.push({ id: 'mystery', model: 'vendor.secret', inputs: { 'add.sum': 'input' }, outputs: { out: 'mystery.out' } } as never);
    await importText(page, JSON.stringify(file));
    await expect(editorNotice(page)).toContainText('Step "mystery" uses model "vendor.secret", which this app does not have');
    await expect(editorNotice(page)).toHaveAttribute('role', 'alert');
    const placeholder = page.locator('[data-model="vendor.secret"]');
    await expect(placeholder).toContainText('Missing model “vendor.secret”');
    await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  });

  test('case 22: imported code stays disabled until the person trusts it', async ({ page }) => {
    await openEditor(page);
    const file = good();
    file.workflow.steps.push({
      id: 'js',
      model: 'code.javascript',
      inputs: { 'add.sum': 'a' },
      outputs: { result: 'js.result' },
      params: { code: 'return a * 2;' },
    } as never);
    await importText(page, JSON.stringify(file));
    await expect(editorNotice(page)).toContainText('Step "js" runs code from the file');
    await expect(editorNotice(page)).toHaveAttribute('role', 'alert');
    const js = page.locator('.react-flow__node[data-id="js"]');
    await expect(js).toContainText('Imported code: not trusted yet');
    await js.locator('.model-node-header').click();
    await page.getByTestId('trust-button').click();
    await expect(js).not.toContainText('not trusted');
  });

  test('case 17: labels are shown as text, never as HTML', async ({ page }) => {
    await openEditor(page);
    const file = good();
    file.name = '<img src=x onerror="window.__hacked=1">';
    file.layout.x = { x: 0, y: 0, label: '<b id="injected">bold</b>' } as never;
    await importText(page, JSON.stringify(file));
    await expect(page.locator('.react-flow__node[data-id="x"] .model-node-title')).toHaveText('<b id="injected">bold</b>');
    await expect(page.locator('#injected')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __hacked?: number }).__hacked)).toBeUndefined();
  });

  test('a file pasted onto the page is imported as a new workflow', async ({ page }) => {
    await openEditor(page);
    await page.locator('.react-flow__pane').click();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, JSON.stringify(good()));
    await expect(editorNotice(page)).toContainText('Imported "Sum"');
    await expect(editorNotice(page)).toHaveAttribute('role', 'status');
    await expect.poll(() => nodeIds(page)).toEqual(['add', 'x', 'y']);
  });
});

test.describe('When a workflow is exported with "include cache" and imported again', () => {
  test('the imported copy skips every step on its first run', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    const rows = page.locator('[data-testid^="step-row-"]');

    await page.getByTestId('run-button').click();
    await expect(rows).toHaveCount(5);
    for (const row of await rows.all()) await expect(row).toHaveAttribute('data-status', 'ran');

    await page.getByTestId('export-include-cache').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      workflow: { modelInputs?: Record<string, unknown>; modelOutputs?: Record<string, unknown> };
    };
    expect(Object.keys(file.workflow.modelInputs ?? {}).sort()).toEqual(['add', 'k', 'multiply', 'x', 'y']);
    expect(Object.keys(file.workflow.modelOutputs ?? {}).sort()).toEqual(['add', 'k', 'multiply', 'x', 'y']);

    const workflows = await page.getByTestId('workflow-list').locator('li').count();
    await page.getByTestId('import-input').setInputFiles(await download.path());
    // A file's cached results are used only when the person says so.
    await expect(page.getByTestId('import-cache-dialog')).toContainText('This file brings cached results for 5 steps: use them, or recompute?');
    await page.getByTestId('import-cache-use').click();
    await expect(editorNotice(page)).toContainText('Imported "(x + y) * k" as a new workflow');
    await expect(editorNotice(page)).toHaveAttribute('role', 'status');
    await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(workflows + 1);
    // The new workflow has no runs of its own yet.
    await expect(page.getByTestId('run-history').locator('li')).toHaveCount(0);

    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('run-history').locator('li')).toHaveCount(1);
    await expect(rows).toHaveCount(5);
    for (const row of await rows.all()) {
      await expect(row).toHaveAttribute('data-status', 'skipped');
      await expect(row.locator('.run-step-reason')).toHaveText('imported result');
    }
    await expect(page.getByTestId('state-slot-multiply.product')).toContainText('20');
  });
});

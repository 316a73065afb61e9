/**
 * The app and the `swark` command share their files: a workflow exported from the app runs under
 * `swark run` with the same result, a workspace file written by `swark` opens in the app through
 * the footer's backup import, and a bad backup is refused in words with nothing changed.
 * The real built app in Chromium, and the real command as a subprocess (bin/swark.mjs).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arithmeticFile } from '../test/fixtures/arithmeticFile';
import { test, expect, type Page } from '@playwright/test';
import initSqlJs from 'sql.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPO, 'bin', 'swark.mjs');

interface RunReport {
  ok: boolean;
  steps: { key: string; status: string }[];
  counts: { ran: number; skipped: number; bypassed: number; error: number; notRun: number };
  output: Record<string, unknown> | null;
  error?: { message: string };
}

/** `swark run <target> --workspace <file> --json` as a subprocess; the exit code must be 0. */
function swarkRun(target: string, workspace: string, ...options: string[]): Promise<RunReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, 'run', target, '--workspace', workspace, '--json', ...options],
      { cwd: REPO, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`swark run ${target} failed (${error.message}):\n${stdout}\n${stderr}`));
        else resolve(JSON.parse(stdout) as RunReport);
      },
    );
  });
}

const tempDir = () => mkdtemp(join(tmpdir(), 'swark-interop-'));

async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
}

/**
 * Starts a workflow from the editor's "(x + y) * k" template, the one with number nodes: picked by
 * its visible text, since option values follow the template catalogue.
 */
async function newArithmeticWithNumbers(page: Page): Promise<void> {
  const picker = page.getByTestId('new-from-template');
  const labels = await picker.locator('option').allInnerTexts();
  const label = labels.find((text) => text.includes('(x + y) * k') && /number/i.test(text));
  if (!label) throw new Error(`no "(x + y) * k" template with number nodes among: ${labels.join(' | ')}`);
  await picker.selectOption({ label });
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
}

/** Sets a number node's value through the inspector. */
async function setNumber(page: Page, nodeId: string, value: number): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${nodeId}"] .model-node-header`).click();
  await page.getByTestId('param-value').fill(String(value));
  await expect(page.getByTestId('param-value')).toHaveValue(String(value));
}

const stepRows = (page: Page) => page.locator('[data-testid^="step-row-"]');

/** Presses Run and waits until every step row has a final status; returns status by step id. */
async function runInApp(page: Page, steps: number, timeout?: number): Promise<Record<string, string>> {
  // Until this run is recorded the panel may still show the last recorded run's rows (an imported
  // workspace's, say): wait for the history to gain this run before reading the rows.
  const history = page.getByTestId('run-history').locator('.history-row');
  const recorded = await history.count();
  await page.getByTestId('run-button').click();
  await expect(history).toHaveCount(recorded + 1, { timeout: timeout ?? 60_000 });
  await expect(stepRows(page)).toHaveCount(steps);
  await expect(stepRows(page).and(page.locator('[data-status="ran"], [data-status="skipped"]'))).toHaveCount(steps, timeout === undefined ? {} : { timeout });
  const rows = await stepRows(page).evaluateAll((els) => els.map((el) => [el.getAttribute('data-step-id') ?? '', el.getAttribute('data-status') ?? '']));
  return Object.fromEntries(rows);
}

/** The value the state panel shows for a slot. */
const slotPreview = (page: Page, slot: string) => page.getByTestId(`state-slot-${slot}`).locator('.state-preview').innerText();

/** Imports `bytes` through the footer's backup import, confirming the review when the file passes its checks. */
async function importBackup(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId('backup-import-input').setInputFiles({ name, mimeType: 'application/vnd.sqlite3', buffer: Buffer.from(bytes) });
  const review = page.getByTestId('backup-review');
  await expect(review.or(page.getByTestId('backup-import-message'))).toBeVisible();
  if (await review.isVisible()) await page.getByTestId('backup-review-confirm').click();
}

const LABELLED = { add: { x: 40, y: 40, label: 'add' }, scale: { x: 340, y: 40, label: 'scale' } };

const listedNames = (page: Page) => page.getByTestId('workflow-list').locator('li .workflow-open').allInnerTexts();

test.describe('Between the app and the swark command', () => {
  test('a workflow exported from the app runs under swark run with the same result and steps', async ({ page }) => {
    await openApp(page);
    await newArithmeticWithNumbers(page);
    const [x, y, k] = [6, 11, 7];
    await setNumber(page, 'x', x);
    await setNumber(page, 'y', y);
    await setNumber(page, 'k', k);

    const statuses = await runInApp(page, 5);
    expect(Object.values(statuses)).toEqual(Array(5).fill('ran'));
    const shown = await slotPreview(page, 'multiply.product');
    expect(Number(shown)).toBe((x + y) * k);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    const dir = await tempDir();
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);

    const report = await swarkRun(file, join(dir, 'workspace.sqlite'));
    expect(report.ok).toBe(true);
    expect(report.steps.map((step) => step.key).sort()).toEqual(Object.keys(statuses).sort());
    expect(report.counts).toEqual({ ran: 5, skipped: 0, bypassed: 0, error: 0, notRun: 0 });
    expect(report.output).toEqual({ 'multiply.product': Number(shown) });
  });

  test('the Seattle workflow exported with its cache holds each table once and runs under swark run --trust-cache with every step skipped', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByTestId('new-from-template').selectOption({ label: 'Seattle weather: monthly highs' });
    const nodes = page.locator('.react-flow__node-model');
    await expect(nodes).not.toHaveCount(0);
    const count = await nodes.count();
    expect(Object.values(await runInApp(page, count, 90_000))).toEqual(Array(count).fill('ran'));

    await page.getByTestId('export-include-cache').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    const dir = await tempDir();
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const text = await readFile(file, 'utf8');
    const exported = JSON.parse(text) as {
      version: number;
      values?: Record<string, unknown>;
      workflow: { modelInputs: Record<string, { shared?: Record<string, string> }> };
    };
    expect(exported.version).toBe(7);
    // Each table a step wrote and the next one read is in `values` once, named from both extracts.
    const keys = Object.keys(exported.values ?? {});
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(text.split(`"${key}"`).length - 1, `value ${key}: its key and the extracts naming it`).toBeGreaterThanOrEqual(2);
    expect(Object.values(exported.workflow.modelInputs).some((extract) => extract.shared)).toBe(true);

    const trusted = await swarkRun(file, join(dir, 'trusted.sqlite'), '--trust-cache');
    expect(trusted.ok).toBe(true);
    expect(trusted.counts).toEqual({ ran: 0, skipped: count, bypassed: 0, error: 0, notRun: 0 });
    // The command's own run of the same file, without the cache, gives the same output.
    const recomputed = await swarkRun(file, join(dir, 'recomputed.sqlite'));
    expect(recomputed.counts.ran).toBe(count);
    expect(trusted.output).toEqual(recomputed.output);
  });

  /** Writes a workspace file with `swark run`: a workflow file with initial state slots, then an app:// workflow. */
  async function cliWorkspace() {
    const dir = await tempDir();
    const workspace = join(dir, 'from-cli.sqlite');
    const file = join(dir, 'sums.swark.json');
    const state = { x: 4, y: 5, k: 6 };
    await writeFile(file, JSON.stringify(arithmeticFile(state, 'Sums from the CLI', LABELLED)));
    const fromFile = await swarkRun(file, workspace);
    expect(fromFile.output).toEqual({ result: (state.x + state.y) * state.k });
    const fromApp = await swarkRun('app://arithmetic/workflows/xyk', workspace);
    expect(fromApp.ok).toBe(true);
    return { bytes: await readFile(workspace), fromFile, fromApp };
  }

  async function importCliWorkspace(page: Page, bytes: Uint8Array): Promise<void> {
    await openApp(page);
    await importBackup(page, 'from-cli.sqlite', bytes);
    await expect(page.getByTestId('workspace-status')).toContainText('Workspace restored from “from-cli.sqlite”');
    expect((await listedNames(page)).sort()).toEqual(['Sums from the CLI', 'app://arithmetic/workflows/xyk']);
  }

  const openListed = (page: Page, name: string) => page.getByTestId('workflow-list').getByRole('button', { name, exact: true }).click();

  test('a workspace file written by swark opens in the app through backup import, its cache with it', async ({ page }) => {
    const { bytes, fromFile, fromApp } = await cliWorkspace();
    await importCliWorkspace(page, bytes);

    await openListed(page, 'Sums from the CLI');
    await expect(page.locator('.react-flow__node')).toHaveCount(fromFile.steps.length);
    for (const step of fromFile.steps) await expect(page.locator(`.react-flow__node[data-id="${step.key}"]`)).toBeVisible();
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    const statuses = await runInApp(page, fromFile.steps.length);
    expect(statuses).toEqual(Object.fromEntries(fromFile.steps.map((step) => [step.key, 'skipped'])));
    for (const [slot, value] of Object.entries(fromFile.output ?? {})) expect(Number(await slotPreview(page, slot))).toBe(value);

    // The app:// workflow opens laid out as its template, one node per step.
    await openListed(page, 'app://arithmetic/workflows/xyk');
    await expect(page.locator('.react-flow__node')).toHaveCount(fromApp.steps.length);
    for (const step of fromApp.steps) await expect(page.locator(`.react-flow__node[data-id="${step.key}"]`)).toBeVisible();
  });

  test('an app:// workflow written by swark runs in the app with every step skipped', async ({ page }) => {
    const { bytes, fromApp } = await cliWorkspace();
    await importCliWorkspace(page, bytes);
    await openListed(page, 'app://arithmetic/workflows/xyk');
    const statuses = await runInApp(page, fromApp.steps.length, 5_000);
    expect(statuses).toEqual(Object.fromEntries(fromApp.steps.map((step) => [step.key, 'skipped'])));
    for (const [slot, value] of Object.entries(fromApp.output ?? {})) expect(Number(await slotPreview(page, slot))).toBe(value);
  });
});

test.describe('When a bad backup is imported', () => {
  /** A real workspace file, written by `swark run`. */
  async function cliWorkspace(): Promise<Uint8Array> {
    const dir = await tempDir();
    const file = join(dir, 'sums.swark.json');
    await writeFile(file, JSON.stringify(arithmeticFile({ x: 1, y: 2, k: 3 }, 'Sums', LABELLED)));
    await swarkRun(file, join(dir, 'w.sqlite'));
    return new Uint8Array(await readFile(join(dir, 'w.sqlite')));
  }

  async function sqliteWith(edit: (db: import('sql.js').Database) => void, from?: Uint8Array): Promise<Uint8Array> {
    const SQL = await initSqlJs();
    const db = from ? new SQL.Database(from) : new SQL.Database();
    try {
      edit(db);
      return db.export();
    } finally {
      db.close();
    }
  }

  const cases: { title: string; name: string; bytes: () => Promise<Uint8Array>; says: RegExp }[] = [
    {
      title: 'a text file renamed .sqlite',
      name: 'notes.sqlite',
      bytes: async () => new TextEncoder().encode('Shopping list: eggs, milk.\n'),
      says: /“notes\.sqlite” was not imported, nothing changed: .*not a SQLite file/,
    },
    {
      title: 'a truncated SQLite file',
      name: 'cut.sqlite',
      bytes: async () => {
        const whole = await cliWorkspace();
        return whole.subarray(0, Math.floor(whole.byteLength / 2));
      },
      says: /“cut\.sqlite” was not imported, nothing changed: .*truncated \(\d+ of \d+ bytes\)/,
    },
    {
      title: 'a SQLite file that is not a workspace',
      name: 'people.sqlite',
      bytes: () => sqliteWith((db) => db.run("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ada')")),
      says: /“people\.sqlite” was not imported, nothing changed: .*SQLite database of something else \(tables: people\)/,
    },
    {
      title: 'an empty SQLite file',
      name: 'empty.sqlite',
      bytes: () => sqliteWith(() => {}),
      says: /“empty\.sqlite” was not imported, nothing changed: .*empty SQLite database/,
    },
    {
      title: 'a workspace from a newer schema',
      name: 'future.sqlite',
      bytes: async () => sqliteWith((db) => db.run('PRAGMA user_version = 99'), await cliWorkspace()),
      says: /“future\.sqlite” was not imported, nothing changed: .*newer version of Swark Studio \(schema 99, this one reads up to \d+\)/,
    },
  ];

  for (const { title, name, bytes, says } of cases) {
    test(`${title}: a clear error in the footer, and every workflow is still there`, async ({ page }) => {
      await openApp(page);
      await newArithmeticWithNumbers(page);
      await page.getByTestId('new-workflow-button').click();
      await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(3);
      const before = (await listedNames(page)).sort();

      await importBackup(page, name, await bytes());
      await expect(page.getByTestId('workspace-status').getByRole('alert')).toHaveText(says);
      expect((await listedNames(page)).sort()).toEqual(before);

      // And nothing changed in storage either.
      await expect(page.getByTestId('save-status')).not.toHaveText('Saving…');
      await page.reload();
      await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
      await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(3);
      expect((await listedNames(page)).sort()).toEqual(before);
    });
  }
});

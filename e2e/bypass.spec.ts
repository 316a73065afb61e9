/**
 * Bypass (issue 15), driven as a person would: Ctrl+B and the node's menu on the middle step of
 * `(x + y) * k`, the pass-through and the not-run cases, undo and redo of the toggle, and an
 * exported bypass honoured by the real `swark run` (a subprocess).
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { node, openEditor, statusLine } from './editor.helpers';
import { seriousViolations } from './axe.helpers';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = process.env.SHOTS_DIR;

interface RunReport {
  ok: boolean;
  steps: { key: string; status: string; reason?: string }[];
  output: Record<string, unknown> | null;
}

function swarkRun(file: string, workspace: string): Promise<RunReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(REPO, 'bin', 'swark.mjs'), 'run', file, '--workspace', workspace, '--json'],
      { cwd: REPO, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`swark run failed (${error.message}):\n${stdout}\n${stderr}`));
        else resolve(JSON.parse(stdout) as RunReport);
      },
    );
  });
}

const row = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);

async function openArithmetic(page: Page): Promise<void> {
  await openEditor(page);
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
}

async function runAndWait(page: Page, runs: number): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-history').locator('li')).toHaveCount(runs, { timeout: 60_000 });
}

const face = (page: Page, id: string) => node(page, id).getByTestId(`node-${id}`);

test('Ctrl+B bypasses the add step: it does not run, x passes through, the multiply gives x × k; undo and redo toggle it; swark run honours the export', async ({
  page,
}) => {
  await openArithmetic(page);
  await runAndWait(page, 1);
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'ran');

  await node(page, 'add').locator('.model-node-header').click();
  await page.keyboard.press('Control+b');
  await expect(face(page, 'add')).toHaveAttribute('data-bypassed', 'true');
  await expect(node(page, 'add').getByTestId('node-bypassed')).toHaveText('⤼ Bypassed');
  await expect(statusLine(page, 'add')).toHaveText('bypassed: passes a → sum');

  await runAndWait(page, 2);
  await expect(row(page, 'add')).toHaveAttribute('data-status', 'bypassed');
  await expect(row(page, 'add').getByTestId('step-reason')).toHaveText('bypassed: passes a → sum');
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'ran');
  // x = 2 passed through as the sum, times k = 4.
  await expect(node(page, 'multiply').getByTestId('node-result')).toContainText('8');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'bypass-pass-through.png') });

  // An exported bypass: the command runs the file the same way.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const dir = await mkdtemp(join(tmpdir(), 'swark-bypass-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const report = await swarkRun(file, join(dir, 'workspace.sqlite'));
  expect(report.ok).toBe(true);
  expect(Object.fromEntries(report.steps.map((step) => [step.key, step.status]))).toMatchObject({ add: 'bypassed', multiply: 'ran' });
  expect(report.output).toEqual({ 'multiply.product': 8 });

  // Undo lifts the bypass, redo puts it back; lifted, add skips on the cache it kept.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(face(page, 'add')).not.toHaveAttribute('data-bypassed', 'true');
  await page.keyboard.press('Control+Shift+z');
  await expect(face(page, 'add')).toHaveAttribute('data-bypassed', 'true');
  await page.keyboard.press('Control+z');
  await runAndWait(page, 3);
  await expect(row(page, 'add')).toHaveAttribute('data-status', 'skipped');
  await expect(node(page, 'multiply').getByTestId('node-result')).toContainText('20');
});

test('bypassed through its menu with no wire into it, the add step passes nothing on and the multiply says "not run: upstream bypassed"', async ({ page }) => {
  await openArithmetic(page);
  // x and y go, so nothing flows into add (its a and b keep their defaults).
  for (const id of ['x', 'y']) {
    await node(page, id).locator('.model-node-header').click();
    await page.keyboard.press('Delete');
    await expect(node(page, id)).toHaveCount(0);
  }
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  await node(page, 'add').locator('.model-node-header').click({ button: 'right' });
  await page
    .getByTestId('node-context-menu')
    .getByRole('menuitem', { name: /^Bypass/ })
    .click();
  await expect(face(page, 'add')).toHaveAttribute('data-bypassed', 'true');
  await expect(statusLine(page, 'multiply')).toHaveText('not run: upstream bypassed');

  await runAndWait(page, 1);
  await expect(row(page, 'add')).toHaveAttribute('data-status', 'bypassed');
  await expect(row(page, 'add').getByTestId('step-reason')).toHaveText('bypassed: passes nothing on');
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'not-run');
  await expect(row(page, 'multiply').getByTestId('step-reason')).toHaveText('upstream bypassed');
  await expect(statusLine(page, 'multiply')).toHaveText('not run: upstream bypassed');
  await expect(row(page, 'k')).toHaveAttribute('data-status', 'ran');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'bypass-not-run.png') });
  // The bypassed node, its banner and the bypassed and not-run rows read well (axe: no serious or critical violation).
  expect(await seriousViolations(page)).toEqual([]);

  // The menu offers to lift it again.
  await node(page, 'add').locator('.model-node-header').click({ button: 'right' });
  await page
    .getByTestId('node-context-menu')
    .getByRole('menuitem', { name: /^Lift bypass/ })
    .click();
  await expect(face(page, 'add')).not.toHaveAttribute('data-bypassed', 'true');
});

import { test, expect, type Page } from '@playwright/test';
import type { SwarkTestHook } from '../src/studio/testHook';

type Hooked = Window & { __swark: SwarkTestHook };

/** Opens the app with the workspace test hook and waits until the workspace has loaded. */
async function openApp(page: Page): Promise<void> {
  await page.goto('/?e2e');
  await page.waitForFunction(() => {
    const hook = (window as unknown as Partial<Hooked>).__swark?.workspace;
    return hook !== undefined && hook.getState().status.phase !== 'loading';
  });
}

const phase = (page: Page) => page.evaluate(() => (window as unknown as Hooked).__swark.workspace.getState().status.phase);
/** Names of the saved workflows, leaving out the blank one the editor creates in an empty workspace. */
const workflowNames = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as Hooked).__swark.workspace
      .getState()
      .workflows.map((w) => w.name)
      .filter((name) => !name.startsWith('Untitled'))
      .sort(),
  );

async function addWorkflow(page: Page, id: string, name: string): Promise<void> {
  await page.evaluate(
    ({ id, name }) => {
      const now = Date.now();
      (window as unknown as Hooked).__swark.ports.saveWorkflow({
        id,
        name,
        workflow: { steps: [{ id: 's0', model: 'math.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'z' } }], useExtracts: true, populateExtracts: true },
        layout: { s0: { x: 1, y: 2 } },
        state: { x: 1, y: 2 },
        createdAt: now,
        updatedAt: now,
      });
    },
    { id, name },
  );
}

test.describe('The workspace in a real browser', () => {
  test('a reload keeps workflows, state, extracts and run history', async ({ page }) => {
    await openApp(page);
    expect(await phase(page)).toBe('ready');
    // Through the UI: a new workflow appears in the list, and is autosaved (no explicit save).
    await page.getByTestId('new-workflow-button').click();
    await expect(page.getByTestId('workflow-list')).toContainText('Untitled');
    await addWorkflow(page, 'w-kept', 'Kept workflow');
    await page.evaluate(() => {
      const ws = (window as unknown as Hooked).__swark.workspace.workspace;
      const big = { rows: Array.from({ length: 20000 }, (_, i) => ({ i, label: `row ${i}` })) };
      ws.putExtracts('w-kept', [
        {
          stepKey: 's0',
          inputHash: 'h1',
          input: { value: { a: NaN, b: -0, when: new Date(7) }, model: 'math.add', version: '1', at: 1 },
          output: { value: big, model: 'math.add', version: '1', at: 2 },
        },
      ]);
      ws.putLastState('w-kept', { mutable: false, values: { a: 1, z: { $swark: 'num', v: 'Infinity' } } });
      ws.addRun({
        id: 'run-1',
        workflowId: 'w-kept',
        kind: 'run',
        startedAt: 10,
        endedAt: 20,
        outcome: 'ok',
        flags: { useExtracts: true, populateExtracts: true, mutable: false },
        steps: [{ index: 0, key: 's0', model: 'math.add', status: 'ran', durationMs: 3, reason: 'no cache yet' }],
      });
    });
    // Autosave is at most ~300 ms behind: wait for it without forcing a flush.
    await page.waitForFunction(() => !(window as unknown as Hooked).__swark.workspace.getState().unsaved);

    await page.reload();
    await page.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');
    await expect(page.getByTestId('workflow-list')).toContainText('Kept workflow');
    await expect(page.getByTestId('workflow-list')).toContainText('Untitled');
    const restored = await page.evaluate(async () => {
      const ws = (window as unknown as Hooked).__swark.ports;
      const [extract] = await ws.getExtracts('w-kept');
      const input = extract?.input.value as { a: number; b: number; when: Date };
      return {
        layout: ws.getWorkflow('w-kept')?.layout,
        nan: Number.isNaN(input.a),
        negZero: Object.is(input.b, -0),
        date: input.when instanceof Date && input.when.getTime() === 7,
        rows: (extract?.output.value as { rows: unknown[] }).rows.length,
        state: await ws.getLastState('w-kept'),
        runs: ws.listRuns('w-kept').map((r) => `${r.id}:${r.steps[0]?.status}:${r.steps[0]?.reason}`),
      };
    });
    expect(restored).toEqual({
      layout: { s0: { x: 1, y: 2 } },
      nan: true,
      negZero: true,
      date: true,
      rows: 20000,
      state: { mutable: false, values: { a: 1, z: { $swark: 'num', v: 'Infinity' } } },
      runs: ['run-1:ran:no cache yet'],
    });
  });

  test('case 7: two tabs never lose an edit: one writes, the other is read-only until it takes over', async ({ context }) => {
    const first = await context.newPage();
    await openApp(first);
    const second = await context.newPage();
    await openApp(second);
    expect(await phase(first)).toBe('ready');
    expect(await phase(second)).toBe('read-only');
    await expect(second.getByRole('status').filter({ hasText: 'open in another tab' })).toBeVisible();

    // An edit in the writer reaches the read-only tab through storage.
    await addWorkflow(first, 'w1', 'From the first tab');
    await expect.poll(() => workflowNames(second)).toEqual(['From the first tab']);

    // An edit in the writer still waiting for its autosave is saved before the handover.
    await addWorkflow(first, 'w2', 'Unsaved in the first tab');
    await second.evaluate(() => (window as unknown as Hooked).__swark.workspace.getState().takeOver());
    await expect.poll(() => phase(second)).toBe('ready');
    await expect.poll(() => phase(first)).toBe('read-only');
    expect(await workflowNames(second)).toEqual(['From the first tab', 'Unsaved in the first tab']);

    // The read-only tab refuses edits rather than keeping ones that would be lost.
    await addWorkflow(first, 'w-refused', 'Refused');
    expect(await workflowNames(first)).not.toContain('Refused');

    await addWorkflow(second, 'w3', 'From the second tab');
    await expect.poll(() => workflowNames(first)).toContain('From the second tab');

    // Closing the writer hands the role back to the remaining tab, which then saves.
    await second.close();
    await expect.poll(() => phase(first)).toBe('ready');
    await addWorkflow(first, 'w4', 'After the second tab closed');
    await first.waitForFunction(() => !(window as unknown as Hooked).__swark.workspace.getState().unsaved);
    await first.reload();
    await first.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');
    expect(await workflowNames(first)).toEqual(['After the second tab closed', 'From the first tab', 'From the second tab', 'Unsaved in the first tab']);
  });

  test('case 1: a full quota shows a warning that says what to do, keeps the work and saves once there is room', async ({ page, context, baseURL }) => {
    // Chromium reads the quota when IndexedDB opens, so it is lowered before the app starts.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseURL as string).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 * 1024 });
    await openApp(page);
    await addWorkflow(page, 'w1', 'Before the quota');
    await page.evaluate(() => (window as unknown as Hooked).__swark.workspace.getState().flush());
    expect(await page.evaluate(() => (window as unknown as Hooked).__swark.workspace.getState().status.notice)).toBeNull();
    await page.evaluate(() => {
      const ws = (window as unknown as Hooked).__swark.ports;
      const big = 'x'.repeat(4 * 1024 * 1024);
      ws.putExtracts('w1', [
        { stepKey: 's0', inputHash: 'h', input: { value: 1, model: null, version: null }, output: { value: big, model: null, version: null } },
      ]);
    });
    const warning = page.getByRole('status').filter({ hasText: 'Storage is full' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('export a backup');
    expect(await page.evaluate(() => (window as unknown as Hooked).__swark.workspace.getState().unsaved)).toBe(true);

    // Room again: the retry saves and the warning goes.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await expect(warning).toBeHidden({ timeout: 20_000 });
    await page.reload();
    await page.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');
    const length = await page.evaluate(async () => {
      const [extract] = await (window as unknown as Hooked).__swark.ports.getExtracts('w1');
      return (extract?.output.value as string).length;
    });
    expect(length).toBe(4 * 1024 * 1024);
  });

  test('a backup exported and imported back restores the workspace', async ({ page }) => {
    await openApp(page);
    await addWorkflow(page, 'w1', 'Backed up');
    const size = await page.evaluate(async () => {
      const ws = (window as unknown as Hooked).__swark.workspace.workspace;
      // One value stored (IndexedDB, as UTF-8 bytes) before the export, one still in memory; one beyond ASCII.
      ws.putExtracts('w1', [
        {
          stepKey: 's1',
          inputHash: 'h',
          input: { value: 2, model: null, version: null },
          output: { value: 'Zürich 東京 🚀 '.repeat(20000), model: null, version: null },
        },
      ]);
      await ws.flush();
      ws.putExtracts('w1', [
        { stepKey: 's0', inputHash: 'h', input: { value: 1, model: null, version: null }, output: { value: 'y'.repeat(100000), model: null, version: null } },
      ]);
      const file = new Uint8Array(await (await ws.exportBackup()).arrayBuffer());
      ws.deleteWorkflow('w1');
      await ws.flush();
      (window as unknown as { backup: Uint8Array }).backup = file;
      return file.byteLength;
    });
    expect(size).toBeGreaterThan(100000);
    expect(await workflowNames(page)).not.toContain('Backed up');
    await page.evaluate(() => (window as unknown as Hooked).__swark.workspace.getState().importBackup((window as unknown as { backup: Uint8Array }).backup));
    await page.reload();
    await page.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');
    expect(await workflowNames(page)).toContain('Backed up');
    const outputs = await page.evaluate(async () => {
      const extracts = await (window as unknown as Hooked).__swark.workspace.workspace.database.getExtracts('w1');
      return extracts.map((entry) => [entry.stepKey, entry.output.value]);
    });
    expect(outputs).toEqual([
      ['s0', 'y'.repeat(100000)],
      ['s1', 'Zürich 東京 🚀 '.repeat(20000)],
    ]);
  });
});

/**
 * Workspace safety in Chromium: hostile backups are refused (or cleaned) with nothing lost and the
 * app opening again; a stored workspace that cannot be opened shows the recovery screen instead of
 * hanging; a workspace the browser removed is noticed. Backups are made by the app itself and then
 * changed with sql.js, as a hand-edited or malicious file would be.
 */
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import initSqlJs, { type Database } from 'sql.js';
import type { SwarkTestHook } from '../src/studio/testHook';

type Hooked = Window & { __swark: SwarkTestHook };

async function openApp(page: Page): Promise<void> {
  await page.goto('/?e2e');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
}

const listedNames = async (page: Page) => (await page.getByTestId('workflow-list').locator('li .workflow-open').allInnerTexts()).sort();

/** Two named workflows, the second with a JavaScript step, saved. */
async function addWorkflows(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { ports, workspace } = (window as unknown as Hooked).__swark;
    const now = Date.now();
    const base = { useExtracts: true, populateExtracts: true };
    ports.saveWorkflow({
      id: 'w-add',
      name: 'Adds',
      workflow: { ...base, steps: [{ id: 's0', model: 'math.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'z' } }] },
      layout: { s0: { x: 40, y: 40 } },
      state: { x: 1, y: 2 },
      createdAt: now,
      updatedAt: now,
    });
    ports.saveWorkflow({
      id: 'w-code',
      name: 'Doubles',
      workflow: {
        ...base,
        steps: [{ id: 'js', model: 'code.javascript', inputs: { x: 'a' }, outputs: { result: 'js.result' }, params: { code: 'return a * 2;' } }],
      },
      layout: { js: { x: 40, y: 40 } },
      state: { x: 21 },
      createdAt: now + 1,
      updatedAt: now + 1,
    });
    await workspace.getState().flush();
  });
}

/** The app's own backup of its workspace, as bytes in Node. */
const exportedBackup = async (page: Page) =>
  new Uint8Array(
    await page.evaluate(async () => [...new Uint8Array(await (await (window as unknown as Hooked).__swark.workspace.getState().exportBackup()).arrayBuffer())]),
  );

async function changed(bytes: Uint8Array, change: (db: Database) => void): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    change(db);
    return db.export();
  } finally {
    db.close();
  }
}

async function chooseBackup(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId('backup-import-input').setInputFiles({ name, mimeType: 'application/vnd.sqlite3', buffer: Buffer.from(bytes) });
}

/** The app opens again after a reload, with the workflows it had. */
async function expectOpensWith(page: Page, names: string[]): Promise<void> {
  await expect(page.getByTestId('save-status')).not.toHaveText('Saving…');
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
  expect(await listedNames(page)).toEqual(names);
}

test.describe('When a hostile backup is chosen', () => {
  const hostile: { title: string; change: (db: Database) => void; says: RegExp }[] = [
    {
      title: 'a workflows row with invalid JSON',
      change: (db) => db.run(`UPDATE workflows SET workflow = '{"steps": [' WHERE id = 'w-add'`),
      says: /table "workflows", row "w-add": column "workflow" is not valid JSON/,
    },
    {
      title: 'a trigger that deletes the other workflows',
      change: (db) => db.run('CREATE TRIGGER wipe AFTER INSERT ON workflows BEGIN DELETE FROM workflows WHERE id <> NEW.id; END'),
      says: /it has a trigger "wipe" on table "workflows", which a workspace never has/,
    },
    {
      title: 'a view in place of runs',
      change: (db) => {
        db.run('DROP TABLE runs');
        db.run(
          "CREATE VIEW runs AS SELECT 'r' AS id, 'w-add' AS workflow_id, 'run' AS kind, 1 AS started_at, 0 AS ended_at, '{}' AS flags, 'running' AS outcome, NULL AS error",
        );
      },
      says: /it has a view "runs" where the workspace has a table/,
    },
    {
      title: 'case 18: duplicate node ids',
      change: (db) =>
        db.run(
          `UPDATE workflows SET workflow = '{"steps":[{"id":"s0","model":"math.add","inputs":{"x":"a"},"outputs":{"sum":"z"}},{"id":"s0","model":"math.add","inputs":{"y":"a"},"outputs":{"sum":"z2"}}],"useExtracts":true,"populateExtracts":true}' WHERE id = 'w-add'`,
        ),
      says: /row "w-add": column "workflow" has step id "s0" twice/,
    },
  ];

  for (const { title, change, says } of hostile) {
    test(`${title}: refused in words, nothing lost, and the app opens again`, async ({ page }) => {
      await openApp(page);
      await addWorkflows(page);
      const before = await listedNames(page);
      const bytes = await changed(await exportedBackup(page), change);
      await page.evaluate(() => (window as unknown as Hooked).__swark.ports.deleteWorkflow('w-add'));
      const kept = await listedNames(page);

      await chooseBackup(page, 'hostile.sqlite', bytes);
      const message = page.getByTestId('backup-import-message');
      await expect(message).toHaveAttribute('role', 'alert');
      await expect(message).toContainText('“hostile.sqlite” was not imported, nothing changed:');
      await expect(message).toContainText(says);
      await expect(page.getByTestId('backup-review')).toHaveCount(0);
      expect(await listedNames(page)).toEqual(kept);
      expect(before).toContain('Adds');
      await expectOpensWith(page, kept);
    });
  }

  test('case 22: a code node: taken in after the review, disabled until trusted, and the app opens again', async ({ page }) => {
    await openApp(page);
    await addWorkflows(page);
    // The step was trusted where the backup was made; a backup from elsewhere must not carry that trust.
    const bytes = await exportedBackup(page);
    const inBackup = await listedNames(page);
    await page.evaluate(() => (window as unknown as Hooked).__swark.ports.deleteWorkflow('w-code'));

    await chooseBackup(page, 'with-code.sqlite', bytes);
    const review = page.getByTestId('backup-review');
    await expect(review).toBeVisible();
    await expect(page.getByTestId('backup-review-workflows')).toContainText('Doubles');
    await expect(page.getByTestId('backup-review-notes')).toContainText('1 code step will stay disabled until you review and trust it in the inspector');
    await expect(page.getByTestId('backup-review-replaces')).toContainText('It replaces everything in this workspace');
    await expect(page.getByTestId('backup-review-replaced-workflows')).toContainText('Adds');
    await page.getByTestId('backup-review-confirm').click();
    await expect(page.getByTestId('backup-import-message')).toHaveText(
      `Workspace restored from “with-code.sqlite”: ${inBackup.length} workflows, 0 runs, 0 cached steps taken in. 1 code step stays disabled until you trust it.`,
    );
    await page.getByTestId('workflow-list').getByText('Doubles').click();
    const js = page.locator('.react-flow__node[data-id="js"]');
    await expect(js).toContainText('Imported code: not trusted yet');
    await page.getByTestId('run-button').click();
    await expect(page.locator('.run-alert')).toContainText('runs imported code you have not trusted yet');
    await expectOpensWith(page, inBackup);
  });
});

/** Every save the pointer lists (newest first), read from the raw IndexedDB store the workspace saves into (idb-keyval: one database, one object store). */
async function storedSnapshots(page: Page): Promise<{ key: string; bytes: Uint8Array }[]> {
  const saves = await page.evaluate(
    () =>
      new Promise<{ key: string; bytes: number[] }[]>((resolve, reject) => {
        const open = indexedDB.open('swark-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('snapshots', 'readonly').objectStore('snapshots');
          const pointer = store.get('pointer');
          pointer.onsuccess = () => {
            const keys = (pointer.result as { snapshots: { key: string }[] }).snapshots.map((entry) => entry.key);
            const found: { key: string; bytes: number[] }[] = [];
            for (const key of keys) {
              const read = store.get(key);
              read.onsuccess = () => {
                found.push({ key, bytes: [...(read.result as Uint8Array)] });
                if (found.length === keys.length) {
                  open.result.close();
                  resolve(keys.map((k) => found.find((save) => save.key === k)!));
                }
              };
            }
          };
        };
      }),
  );
  return saves.map(({ key, bytes }) => ({ key, bytes: new Uint8Array(bytes) }));
}

async function storeSnapshot(page: Page, key: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ key, bytes }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('swark-workspace');
        open.onsuccess = () => {
          const tx = open.result.transaction('snapshots', 'readwrite');
          tx.objectStore('snapshots').put(new Uint8Array(bytes), key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, bytes: [...bytes] },
  );
}

test.describe('When the stored workspace cannot be opened', () => {
  const causes: { title: string; cause: string; damage: (bytes: Uint8Array) => Promise<Uint8Array>; says: RegExp }[] = [
    { title: 'unreadable bytes', cause: 'unreadable', damage: async (bytes) => bytes.slice(0, 2000), says: /could not be read: .*truncated/ },
    {
      title: 'a row with invalid JSON',
      cause: 'rows',
      damage: (bytes) => changed(bytes, (db) => db.run(`UPDATE workflows SET layout = '{"s0": '`)),
      says: /table "workflows", row ".+": column "layout" is not valid JSON/,
    },
    {
      title: 'a trigger',
      cause: 'schema',
      damage: (bytes) => changed(bytes, (db) => db.run('CREATE TRIGGER wipe AFTER INSERT ON workflows BEGIN DELETE FROM workflows; END')),
      says: /a trigger "wipe" on table "workflows"/,
    },
  ];

  for (const { title, cause, damage, says } of causes) {
    test(`${title}: the recovery screen says what is wrong, gives the stored bytes, and starts afresh keeping them aside`, async ({ page }) => {
      await openApp(page);
      await addWorkflows(page);
      // Every kept save damaged alike (an older sound one would open instead, with a notice).
      const saves = await storedSnapshots(page);
      const damagedSaves = await Promise.all(saves.map(async (save) => ({ key: save.key, bytes: await damage(save.bytes) })));
      for (const save of damagedSaves) await storeSnapshot(page, save.key, save.bytes);
      const [stored] = damagedSaves;
      const damaged = stored!.bytes;
      await page.reload();

      const screen = page.getByTestId('recovery-screen');
      await expect(screen).toHaveAttribute('data-cause', cause);
      await expect(page.getByTestId('recovery-message')).toContainText(says);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recovery-download').click()]);
      expect(new Uint8Array(await readFile(await download.path()))).toEqual(damaged);

      await page.getByTestId('recovery-start-empty').click();
      await expect(page.getByTestId('canvas')).toBeVisible();
      await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
      const aside = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const open = indexedDB.open('swark-workspace');
            open.onsuccess = () => {
              const keys = open.result.transaction('snapshots', 'readonly').objectStore('snapshots').getAllKeys();
              keys.onsuccess = () => resolve((keys.result as string[]).filter((key) => key.startsWith('aside:')));
            };
          }),
      );
      expect(aside).toContainEqual(expect.stringMatching(new RegExp(`:${stored!.key}$`)));
      // An empty workspace, as on a first visit: the editor's blank workflow.
      await expectOpensWith(page, ['Untitled workflow']);
    });
  }
});

test.describe('When the browser removed the stored workspace', () => {
  test('case 11: the app says so instead of opening empty, and a backup brings the work back', async ({ page }) => {
    await openApp(page);
    await addWorkflows(page);
    const backup = await exportedBackup(page);
    const saved = (await listedNames(page)).length;
    // Eviction: IndexedDB emptied, localStorage (where the app remembers it saved) kept. The app is
    // left first (its open connections would block the deletion), for a blank page of the same origin.
    await page.route('**/blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
    await page.goto('/blank');
    await page.evaluate(() =>
      Promise.all(
        ['swark-workspace', 'swark-workspace-values'].map(
          (name) =>
            new Promise<void>((resolve, reject) => {
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = () => resolve();
              request.onerror = () => reject(request.error);
              request.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
            }),
        ),
      ),
    );
    await page.goto('/?e2e');
    const screen = page.getByTestId('recovery-screen');
    await expect(screen).toHaveAttribute('data-cause', 'evicted');
    await expect(page.getByTestId('recovery-message')).toContainText('The browser removed the stored workspace: a workspace was saved in this browser before');
    await expect(page.getByTestId('recovery-download')).toHaveCount(0);

    await chooseBackup(page, 'yesterday.sqlite', backup);
    await expect(page.getByTestId('backup-review-replaces')).toHaveText('This workspace has nothing that would be replaced.');
    await page.getByTestId('backup-review-confirm').click();
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
    expect(await listedNames(page)).toHaveLength(saved);
    expect(await listedNames(page)).toEqual(expect.arrayContaining(['Adds', 'Doubles']));
    await expectOpensWith(page, await listedNames(page));
  });
});

import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../src/engine';
import { readBackup } from '../../src/persistence/backupImport';
import { memoryBackend } from '../../src/persistence/keyValue';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/persistence/schema';
import type { WorkflowRecord } from '../../src/persistence/types';
import { valueRef } from '../../src/persistence/values';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import type { Studio } from '../../src/studio/createStudio';
import { makeStudio, memoryWorkspace } from '../helpers/studio';
import { extract, workflowRecord } from './helpers';

/** A studio over its own storage, loaded and started. */
async function startedStudio(): Promise<Studio & { backends: { meta: ReturnType<typeof memoryBackend>; values: ReturnType<typeof memoryBackend> } }> {
  const storage = { meta: memoryBackend(), values: memoryBackend() };
  const workspace = memoryWorkspace(storage);
  const studio = makeStudio({ workspace });
  await studio.start();
  // The background migrations of the value store are over: what a refused import leaves is then comparable.
  await workspace.valueStoreMigrated();
  // `backends`, not `storage`: the studio's `storage` is its Storage view's store.
  return Object.assign(studio, { backends: storage });
}

const JS_STEP = { id: 'js', model: 'code.javascript', inputs: { x: 'a' }, outputs: { result: 'js.result' }, params: { code: 'return a * 2;' } };

/** A complete backup file made the CLI's way: two workflows (one with a code step), an extract, a run; then `change` applied. */
async function backupFile(change: (db: Database) => void = () => {}): Promise<Uint8Array> {
  const file = await openWorkspaceDatabase();
  file.saveWorkflow(workflowRecord('w-add', 'Adds'));
  const code: WorkflowRecord = {
    ...workflowRecord('w-code', 'Doubles'),
    workflow: { steps: [JS_STEP], useExtracts: true, populateExtracts: true },
    layout: { js: { x: 5, y: 6 } },
    state: { x: 4 },
  };
  file.saveWorkflow(code);
  file.putExtracts('w-add', [extract('s0', { a: 1, b: 2 }, { sum: 3 })]);
  file.addRun({
    id: 'r1',
    workflowId: 'w-add',
    kind: 'run',
    startedAt: 1,
    endedAt: 2,
    flags: { useExtracts: true, populateExtracts: true, mutable: false },
    outcome: 'ok',
    steps: [{ index: 0, key: 's0', model: 'math.add', status: 'ran', durationMs: 1 }],
  });
  change(file.db);
  return file.toBytes();
}

/** The workspace as the person had it before the import: one workflow of their own, saved. */
async function withOwnWork(studio: Studio): Promise<void> {
  studio.ports.saveWorkflow(workflowRecord('mine', 'My work'));
  await studio.workspace.getState().flush();
}

const names = (studio: Studio) =>
  studio.workspace
    .getState()
    .workflows.map((w) => w.name)
    .filter((name) => !name.startsWith('Untitled'))
    .sort();

/** Chooses the file; a refusal leaves a message and everything as it was (in memory and in storage). */
async function expectRefused(bytes: Uint8Array, says: RegExp): Promise<void> {
  const studio = await startedStudio();
  await withOwnWork(studio);
  const stored = new Map(studio.backends.meta.data);
  await studio.workspace.getState().chooseBackup('hostile.sqlite', bytes);
  const state = studio.workspace.getState().backupImport;
  expect(state.step).toBe('idle');
  const text = state.step === 'idle' ? state.message?.text : '';
  expect(text).toMatch(/^“hostile\.sqlite” was not imported, nothing changed: /);
  expect(text).toMatch(says);
  expect(names(studio)).toEqual(['My work']);
  expect(studio.backends.meta.data).toEqual(stored);
  // And the workspace opens again as it was.
  const again = makeStudio({ workspace: memoryWorkspace(studio.backends) });
  await again.start();
  expect(again.workspace.getState().status.phase).toBe('ready');
  expect(names(again)).toEqual(['My work']);
}

describe('When a hostile or broken backup is chosen, it is refused in words and nothing changes', () => {
  const hostile: [string, (db: Database) => void, RegExp][] = [
    [
      'a workflows row with invalid JSON',
      (db) => db.run(`UPDATE workflows SET workflow = '{"steps": [}' WHERE id = 'w-add'`),
      /table "workflows", row "w-add": column "workflow" is not valid JSON/,
    ],
    [
      'a trigger that deletes workflows',
      (db) => db.run('CREATE TRIGGER wipe AFTER INSERT ON workflows BEGIN DELETE FROM workflows WHERE id <> NEW.id; END'),
      /its tables are not a workspace’s: it has a trigger "wipe" on table "workflows", which a workspace never has/,
    ],
    [
      'a view in place of runs',
      (db) => {
        db.run('DROP TABLE runs');
        db.run(
          "CREATE VIEW runs AS SELECT 'r1' AS id, 'w-add' AS workflow_id, 'run' AS kind, 1 AS started_at, 0 AS ended_at, '{}' AS flags, 'running' AS outcome, NULL AS error",
        );
      },
      /it has a view "runs" where the workspace has a table/,
    ],
    ['an index of its own', (db) => db.run('CREATE INDEX sneaky ON workflows (name)'), /an index "sneaky" on table "workflows"/],
    ['a table of its own', (db) => db.run('CREATE TABLE notes (text TEXT)'), /a table "notes", which a workspace never has/],
    ['a column the app does not have', (db) => db.run('ALTER TABLE workflows ADD COLUMN owner TEXT'), /table "workflows" has an extra column "owner"/],
    [
      'duplicate step ids',
      (db) =>
        db.run(
          `UPDATE workflows SET workflow = '{"steps":[{"id":"s0","model":"math.add","inputs":{},"outputs":{"sum":"z"}},{"id":"s0","model":"math.add","inputs":{},"outputs":{"sum":"z2"}}],"useExtracts":true,"populateExtracts":true}' WHERE id = 'w-add'`,
        ),
      /table "workflows", row "w-add": column "workflow" has step id "s0" twice \(steps 1 and 2\)/,
    ],
    [
      'a mapping to a slot nothing writes',
      (db) =>
        db.run(
          `UPDATE workflows SET workflow = '{"steps":[{"id":"s0","model":"math.add","inputs":{"nowhere":"a"},"outputs":{"sum":"z"}}],"useExtracts":true,"populateExtracts":true}', state = '{}' WHERE id = 'w-add'`,
        ),
      /workflow "Adds" \(row "w-add"\): Step "s0" reads state slot "nowhere" \(for field "a"\), but no step writes it/,
    ],
    [
      'a run still "running"',
      (db) => db.run(`UPDATE runs SET outcome = 'running'`),
      /table "runs", row "r1": column "outcome" is "running", not one of ok, error, cancelled/,
    ],
    [
      'a value that is not its ref',
      (db) => db.run(`UPDATE value_blobs SET json = '{"sum":4}' WHERE json = '{"sum":3}'`),
      /table "value_blobs", row ".*": the value does not match its ref/,
    ],
    [
      'a value that is not JSON, named by its own ref',
      (db) => db.run('INSERT INTO value_blobs (ref, json) VALUES (?, ?)', [valueRef('{"sum":'), '{"sum":']),
      /table "value_blobs", row ".*": the value is not valid JSON \(.+\)/,
    ],
    [
      'a newer schema',
      (db) => db.run(`PRAGMA user_version = ${SCHEMA_VERSION + 3}`),
      new RegExp(`newer version of Swark Studio \\(schema ${SCHEMA_VERSION + 3}, this one reads up to ${SCHEMA_VERSION}\\)`),
    ],
    ['an unknown schema version', (db) => db.run('PRAGMA user_version = -1'), /schema version -1, which no version of Swark Studio writes/],
  ];

  it.each(hostile)('%s', async (_name, change, says) => {
    await expectRefused(await backupFile(change), says);
  });

  it('a workflow a file import would refuse keeps every other workflow out too (all or nothing)', async () => {
    const bytes = await backupFile((db) =>
      db.run(`UPDATE workflows SET workflow = replace(workflow, '"model":"code.javascript"', '"model":"code.javascript","extra":1') WHERE id = 'w-code'`),
    );
    await expectRefused(bytes, /workflow "Doubles" \(row "w-code"\): Step "js": has unknown key "extra"/);
  });
});

describe('When a sound backup is chosen', () => {
  it('a value nested deeper than SQLite’s JSON checks go (1,000 levels) is JSON still, and taken in', async () => {
    const deep = `${'['.repeat(1500)}1${']'.repeat(1500)}`;
    const bytes = await backupFile((db) => db.run('INSERT INTO value_blobs (ref, json) VALUES (?, ?)', [valueRef(deep), deep]));
    const backup = await readBackup(await loadSqlJs(), bytes, MIGRATIONS);
    expect(backup.contents.values).toBeGreaterThan(0);
    backup.database.close();
  });

  it('the review lists what it holds and what it replaces, and cancelling changes nothing', async () => {
    const studio = await startedStudio();
    await withOwnWork(studio);
    await studio.workspace.getState().chooseBackup('good.sqlite', await backupFile());
    const state = studio.workspace.getState().backupImport;
    if (state.step !== 'review') throw new Error(`expected a review, got ${state.step}`);
    const { holds, replaces } = state.review;
    expect(holds.workflows.map((w) => w.name).sort()).toEqual(['Adds', 'Doubles']);
    expect(holds).toMatchObject({ runs: 1, extracts: 1, untrustedSteps: 1, values: 2, notes: [] });
    expect(replaces?.workflows.map((w) => w.name)).toContain('My work');
    studio.workspace.getState().cancelBackup();
    expect(studio.workspace.getState().backupImport).toEqual({ step: 'idle', message: null });
    expect(names(studio)).toEqual(['My work']);
  });

  it('confirming replaces everything, code steps arrive untrusted, and the message says what was taken in', async () => {
    const studio = await startedStudio();
    await withOwnWork(studio);
    await studio.workspace.getState().chooseBackup('good.sqlite', await backupFile());
    await studio.workspace.getState().confirmBackup();
    const state = studio.workspace.getState().backupImport;
    expect(state).toEqual({
      step: 'idle',
      message: {
        kind: 'info',
        text: 'Workspace restored from “good.sqlite”: 2 workflows, 1 run, 1 cached step taken in. 1 code step stays disabled until you trust it.',
      },
    });
    expect(names(studio)).toEqual(['Adds', 'Doubles']);
    const code = studio.ports.getWorkflow('w-code');
    expect(code?.layout.js).toEqual({ x: 5, y: 6, untrusted: true });
    // The trust step applies: opening it and running refuses until the person trusts it.
    studio.graph.getState().openWorkflow('w-code');
    expect(() => studio.graph.getState().compileActive()).toThrow(/runs imported code you have not trusted yet/);
    studio.graph.getState().trustNode('js');
    expect(() => studio.graph.getState().compileActive()).not.toThrow();
    // Saved: a reload has it, values included.
    const again = makeStudio({ workspace: memoryWorkspace(studio.backends) });
    await again.start();
    expect(names(again)).toEqual(['Adds', 'Doubles']);
    expect((await again.ports.getExtracts('w-add'))[0]?.output.value).toEqual({ sum: 3 });
    expect(again.ports.listRuns('w-add').map((run) => run.id)).toEqual(['r1']);
  });

  it('an older schema is upgraded on the way in, and rows that refer to no workflow are left out and said', async () => {
    const SQL = await loadSqlJs();
    const old = new SQL.Database();
    const { migrate } = await import('../../src/persistence/schema');
    migrate(old, MIGRATIONS.slice(0, 1));
    const add = workflowRecord('w-add', 'Adds');
    old.run('INSERT INTO workflows VALUES (?, ?, ?, ?, ?, ?, ?)', [
      add.id,
      add.name,
      JSON.stringify(add.workflow),
      JSON.stringify(add.layout),
      JSON.stringify(add.state),
      1,
      2,
    ]);
    old.run(`INSERT INTO runs VALUES ('r-orphan', 'gone', 'run', 1, 2, '{"useExtracts":true,"populateExtracts":true,"mutable":false}', 'ok', NULL)`);
    const studio = await startedStudio();
    await studio.workspace.getState().chooseBackup('old.sqlite', old.export());
    const state = studio.workspace.getState().backupImport;
    if (state.step !== 'review') throw new Error(`expected a review, got ${JSON.stringify(state)}`);
    expect(state.review.holds.schemaVersion).toBe(1);
    expect(state.review.holds.notes).toEqual([`upgraded from schema 1 to ${SCHEMA_VERSION}`, 'left out 1 runs of workflows the file does not have']);
    await studio.workspace.getState().confirmBackup();
    expect(names(studio)).toEqual(['Adds']);
    expect(studio.workspace.workspace.database.counts().runs).toBe(0);
  });
});

/**
 * The app imports its own "Export with cache" of a big table (issue 12: a million-row pipeline's
 * export was refused as "too large"): the cached values are data, counted as the embedded files
 * are, while the graph part of a file keeps its limit, checked on the text before it is parsed.
 */
import { describe, expect, it } from 'vitest';
import { storedFileJson } from '../../src/engine';
import type { EmbeddedFile } from '../../src/format';
import { exportWorkflowFile } from '../../src/store/workflowExport';
import { MAX_IMPORT_BYTES } from '../../src/format/scan';
import { makeStudio } from '../helpers/studio';
import type { Studio } from '../../src/studio/createStudio';

const ROWS = 300_000;

/** 300,000 rows of a unique 72-character note each: ≈ 23 MB as the cache encodes it (a string column is JSON). */
function bigCsv(): string {
  const lines = ['id,note'];
  for (let i = 0; i < ROWS; i++) lines.push(`${i},${`n${i.toString(36)}-`.padEnd(72, 'abcdefghij'[i % 10])}`);
  return `${lines.join('\n')}\n`;
}

const pipeline = (csv: unknown) =>
  JSON.stringify({
    format: 'swark.workflow',
    version: 7,
    name: 'Big table',
    workflow: {
      steps: [
        { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: csv } },
        { id: 'filter', model: 'table.filter', inputs: { 'csv.table': 'table' }, outputs: { table: 'filter.table' }, params: { where: 'id >= 0' } },
        { id: 'count', model: 'table.limit', inputs: { 'filter.table': 'table' }, outputs: { table: 'count.table' }, params: { count: 3 } },
      ],
    },
  });

/** The file "Export with cache" downloads, as the toolbar makes it (its big parts made in the run worker). */
async function exportWithCache(studio: Studio): Promise<string> {
  return (await exportWorkflowFile(studio.graph, studio.run, true, false)).file.text();
}

async function importAnswering(studio: Studio, text: string, use: boolean): Promise<string | null> {
  const imported = studio.graph.getState().importWorkflow(text);
  for (let i = 0; i < 2000 && !studio.graph.getState().importedCache; i++) {
    if (studio.graph.getState().notice?.kind === 'error') return imported;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  studio.graph.getState().answerImportedCache(use);
  return imported;
}

describe('An export with cache of a 300,000-row table', () => {
  it('imports back, and its rerun skips every step on the imported results; a graph part over the limit is still refused in words', async () => {
    const studio = makeStudio();
    await studio.start();
    const graph = () => studio.graph.getState();
    const rows = () => studio.run.getState().steps.map((row) => [row.key, row.status]);
    await graph().importWorkflow(pipeline(''));
    const info = await studio.run.getState().storeFile(new Blob([bigCsv()]), 'big.csv', 'text/csv');
    graph().updateNodeParam('csv', 'text', storedFileJson(info));
    await studio.run.getState().run();
    expect(rows()).toEqual([
      ['csv', 'ran'],
      ['filter', 'ran'],
      ['count', 'ran'],
    ]);

    const text = await exportWithCache(studio);
    const file = JSON.parse(text) as { values: Record<string, unknown>; files: Record<string, EmbeddedFile> };
    // The CSV's table is the filter's input, and the filter kept every row: one value in the file.
    const sizes = Object.values(file.values).map((value) => JSON.stringify(value).length);
    expect(sizes.filter((size) => size > MAX_IMPORT_BYTES)).toHaveLength(1);
    expect(text.length - JSON.stringify(file.files).length).toBeGreaterThan(MAX_IMPORT_BYTES);

    const id = await importAnswering(studio, text, true);
    expect(graph().notice?.kind).not.toBe('error');
    expect(id).not.toBeNull();
    expect(graph().activeWorkflowId).toBe(id);
    await studio.run.getState().run();
    expect(rows()).toEqual([
      ['csv', 'skipped'],
      ['filter', 'skipped'],
      ['count', 'skipped'],
    ]);
    expect(studio.run.getState().steps.map((row) => row.reason)).toEqual(['imported result', 'imported result', 'imported result']);

    // The same file with 21 MB more of graph (a slot of the initial state): refused before parsing, in words.
    const padded = text.replace('"workflow": {', `"state": { "pad": "${'x'.repeat(MAX_IMPORT_BYTES + 1024 * 1024)}" },\n  "workflow": {`);
    const workflows = studio.workspace.getState().workflows.length;
    expect(await graph().importWorkflow(padded)).toBeNull();
    expect(graph().notice?.items.map((item) => item.message)).toEqual([
      expect.stringMatching(/^The file is too large: 2\d\.\d MB besides its embedded files and cached values; the limit is 20\.0 MB\.$/),
    ]);
    expect(studio.workspace.getState().workflows.length).toBe(workflows);
  }, 120_000);
});

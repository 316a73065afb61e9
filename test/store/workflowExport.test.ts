/**
 * "Export with cache" made in the run worker (`export-workflow`): the page joins the worker's
 * Blobs around the outline. The file reads back as the page-side writer's does, holds each
 * distinct value once (by content, also after a reload, when equal tables are different objects),
 * embeds the files it reads, and names those the worker could not read.
 */
import { describe, expect, it } from 'vitest';
import { encodeValue, storedFileJson, type CacheEntry, type CacheEntryJSON } from '../../src/engine';
import { embeddedFile, importWorkflowText, type EmbeddedFile } from '../../src/format';
import { isCodeModel, portsOf } from '../../src/store/graph';
import { exportWorkflowFile } from '../../src/store/workflowExport';
import type { Studio } from '../../src/studio/createStudio';
import { makeStudio, sharedWorkspace } from '../helpers/studio';

const CSV = `id,city,amount\n${Array.from({ length: 3000 }, (_, i) => `${i},${['Oslo', 'Lima', 'Pune'][i % 3]},${(i * 7.25) % 1000}`).join('\n')}\n`;

const pipeline = JSON.stringify({
  format: 'swark.workflow',
  version: 7,
  name: 'Cities',
  workflow: {
    steps: [
      { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: '' } },
      { id: 'all', model: 'table.filter', inputs: { 'csv.table': 'table' }, outputs: { table: 'all.table' }, params: { where: 'id >= 0' } },
      { id: 'top', model: 'table.limit', inputs: { 'all.table': 'table' }, outputs: { table: 'top.table' }, params: { count: 5 } },
    ],
  },
});

async function ranPipeline(studio: Studio): Promise<void> {
  await studio.start();
  await studio.graph.getState().importWorkflow(pipeline);
  const info = await studio.run.getState().storeFile(new Blob([CSV]), 'cities.csv', 'text/csv');
  studio.graph.getState().updateNodeParam('csv', 'text', storedFileJson(info));
  await studio.run.getState().run();
  await studio.workspace.getState().flush();
}

const toJSON = (extract: CacheEntry): CacheEntryJSON => ({
  model: extract.model,
  version: extract.version,
  ...(extract.at === undefined ? {} : { at: extract.at }),
  value: encodeValue(extract.value),
});

/** The file as the page wrote it before: every extract read from the workspace and encoded on the page. */
async function pageWritten(studio: Studio): Promise<string> {
  const graph = studio.graph.getState();
  const cache = { modelInputs: {} as Record<string, CacheEntryJSON>, modelOutputs: {} as Record<string, CacheEntryJSON> };
  for (const entry of await studio.ports.getExtracts(graph.activeWorkflowId as string)) {
    if (Object.hasOwn(cache.modelInputs, entry.stepKey)) continue;
    cache.modelInputs[entry.stepKey] = toJSON(entry.input);
    cache.modelOutputs[entry.stepKey] = toJSON(entry.output);
  }
  const files: Record<string, EmbeddedFile> = {};
  for (const info of graph.activeFiles()) files[info.hash] = embeddedFile(info, await studio.ports.fileText(info.hash));
  return graph.exportWorkflow(cache, false, files).text;
}

const read = (text: string) => {
  const result = importWorkflowText(text, { portsOf, isCodeModel });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.file;
};

/** The file's values, and how many of them hold a table of `rows` rows. */
const valuesOf = (text: string) => Object.values((JSON.parse(text) as { values: Record<string, { v: { rows: number } }> }).values);

describe('Export with cache, made in the run worker', () => {
  it('reads back as the page-written file does, each table once, the CSV embedded', async () => {
    const studio = makeStudio();
    await ranPipeline(studio);
    const exported = await exportWorkflowFile(studio.graph, studio.run, true, false);
    expect(exported.fileName).toBe('Cities.swark.json');
    expect(exported.missingFiles).toEqual([]);
    const text = await exported.file.text();
    // csv's output is all's input; all kept every row (an equal table): one value; top's 5 rows stay inline (small).
    expect(valuesOf(text).map((value) => value.v.rows)).toEqual([3000]);
    const file = read(text);
    expect(file).toEqual(read(await pageWritten(studio)));
    expect(Object.values(file.files ?? {}).map((embedded) => embedded.text)).toEqual([CSV]);
    // Indented as before: one extract a line, the outline readable.
    expect(text).toMatch(/^\{\n {2}"format": "swark.workflow",\n/);
    expect(text).toMatch(/\n {6}"csv": \{"model":"input.csv",/);
  });

  it('after a reload (equal tables decoded apart) still writes each table once', async () => {
    const workspace = sharedWorkspace();
    const first = makeStudio({ workspace: workspace() });
    await ranPipeline(first);
    first.dispose();
    const again = makeStudio({ workspace: workspace() });
    await again.start();
    const text = await (await exportWorkflowFile(again.graph, again.run, true, false)).file.text();
    expect(valuesOf(text).map((value) => value.v.rows)).toEqual([3000]);
    expect(read(text).workflow.modelOutputs?.top?.model).toBe('table.limit');
  });

  it('names a file the worker could not read, and is written without it', async () => {
    const studio = makeStudio();
    await studio.start();
    await studio.graph.getState().importWorkflow(pipeline);
    const gone = { name: 'gone.csv', size: 3, hash: 'x00000000000000aa-3', mediaType: 'text/csv' };
    studio.graph.getState().updateNodeParam('csv', 'text', storedFileJson(gone));
    const exported = await exportWorkflowFile(studio.graph, studio.run, true, false);
    expect(exported.missingFiles).toEqual([gone]);
    const text = await exported.file.text();
    expect(read(text).files).toBeUndefined();
    expect(importWorkflowText(text, { portsOf, isCodeModel })).toMatchObject({
      ok: true,
      warnings: [{ message: 'The file “gone.csv” is not embedded in this file; the step that reads it fails until you load it again.' }],
    });
  });

  it('without the cache: the graph and its files only', async () => {
    const studio = makeStudio();
    await ranPipeline(studio);
    const file = read(await (await exportWorkflowFile(studio.graph, studio.run, false, false)).file.text());
    expect(file.workflow.modelInputs).toBeUndefined();
    expect(Object.keys(file.files ?? {})).toHaveLength(1);
  });
});

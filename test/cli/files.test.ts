import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeValue, storedFileJson } from '../../src/engine';
import type { Table } from '../../src/models';
import { initValueHashing, valueRef } from '../../src/persistence/values';
import { swark, statuses, tempDir, writeJson } from './helpers';

const CSV = 'city,sales\nOslo,12\nLima,7\nPune,30\n';

/** CSV → limit 2, the CSV step reading a stored file; `embedded` puts its text in the file's `files`. */
function fileWorkflow(hash: string, embedded: boolean): unknown {
  return {
    format: 'swark.workflow',
    version: 3,
    name: 'sales',
    workflow: {
      steps: [
        {
          id: 'sales',
          model: 'input.csv',
          inputs: {},
          outputs: { table: 'sales.table' },
          params: { text: storedFileJson({ name: 'sales.csv', size: CSV.length, hash, mediaType: 'text/csv' }) },
        },
        { id: 'top', model: 'table.limit', inputs: { 'sales.table': 'table' }, outputs: { table: 'top.table' }, params: { count: 2 } },
      ],
      useExtracts: true,
      populateExtracts: true,
    },
    ...(embedded ? { files: { [hash]: { name: 'sales.csv', mediaType: 'text/csv', size: CSV.length, text: CSV } } } : {}),
  };
}

describe('swark run with stored files', () => {
  let dir: string;
  let hash: string;
  beforeAll(async () => {
    await initValueHashing();
    dir = tempDir();
    hash = valueRef(JSON.stringify(CSV));
    writeJson(dir, 'embedded.swark.json', fileWorkflow(hash, true));
    writeJson(dir, 'bare.swark.json', fileWorkflow('xmissing-1', false));
    writeFileSync(join(dir, 'other.csv'), 'city,sales\nRome,1\nBern,2\nKiev,3\nNuuk,4\n');
  });

  it('runs an exported file with its file embedded, then skips it', async () => {
    const first = await swark(dir, 'run', 'embedded.swark.json', '--json');
    expect(first.code).toBe(0);
    expect(statuses(first)).toEqual({ sales: 'ran', top: 'ran' });
    expect(JSON.parse(first.stdout).output['top.table']).toMatchObject({ $swark: 'table' });
    expect(statuses(await swark(dir, 'run', 'embedded.swark.json', '--json'))).toEqual({ sales: 'skipped', top: 'skipped' });
  });

  it('fails the step in words naming the file when the file is neither embedded nor stored', async () => {
    const result = await swark(dir, 'run', 'bare.swark.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the file “sales.csv” (34 B) is missing from the workspace's storage");
  });

  it("takes a file from disk with --file <step>=<path>, for the step's file field", async () => {
    const result = await swark(dir, 'run', 'bare.swark.json', '--file', 'sales=other.csv', '--json');
    expect(result.code).toBe(0);
    expect(statuses(result)).toEqual({ sales: 'ran', top: 'ran' });
    // The report's table is in the codec's encoding (typed columns): decoded, it is the file's first rows.
    expect((decodeValue(JSON.parse(result.stdout).output['top.table']) as Table).column('city')).toEqual(['Rome', 'Bern']);
    // The same file again: its reference is equal, so the step is skipped.
    expect(statuses(await swark(dir, 'run', 'bare.swark.json', '--file', 'sales=other.csv', '--json'))).toEqual({ sales: 'skipped', top: 'skipped' });
  });

  it('says what is wrong with a --file in words', async () => {
    expect((await swark(dir, 'run', 'bare.swark.json', '--file', 'nope')).stderr).toContain('--file takes <step id>=<path>');
    expect((await swark(dir, 'run', 'bare.swark.json', '--file', 'ghost=other.csv')).stderr).toContain('the workflow has no step "ghost"');
    expect((await swark(dir, 'run', 'bare.swark.json', '--file', 'top=other.csv')).stderr).toContain('step "top" (table.limit) reads no file');
    expect((await swark(dir, 'run', 'bare.swark.json', '--file', 'sales=absent.csv')).stderr).toMatch(/cannot read .*absent\.csv \(ENOENT\)/);
  });
});

/** `swark run` runs an exported workflow with components (format version 6): each inner step on its own, cached one by one. */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/models';
import { toWorkflowFile } from '../../src/format';
import { portsOf } from '../../src/store/graph';
import { componentGraph } from '../fixtures/componentGraph';
import { statuses, swark, tempDir, writeJson } from './helpers';

describe('swark run with components', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const { graph, library } = componentGraph();
    writeJson(dir, 'twice.swark.json', toWorkflowFile(graph, portsOf, undefined, undefined, library));
  });

  it('runs every inner step of both instances, and a second run skips each of them', async () => {
    const first = await swark(dir, 'run', 'twice.swark.json', '--json');
    expect(first.code).toBe(0);
    expect(statuses(first)).toEqual({ x: 'ran', y: 'ran', k: 'ran', 'calc/add': 'ran', 'calc/scale': 'ran', 'calc2/add': 'ran', 'calc2/scale': 'ran' });
    const report = JSON.parse(first.stdout) as { output: Record<string, unknown> };
    // (1 + 2) * 3 through the second instance, the last step.
    expect(report.output).toEqual({ 'calc2/scale.product': 9 });
    const second = await swark(dir, 'run', 'twice.swark.json', '--json');
    expect(Object.values(statuses(second))).toEqual(Array(7).fill('skipped'));
  });

  it('validates the file', async () => {
    const result = await swark(dir, 'validate', 'twice.swark.json');
    expect(result.code).toBe(0);
  });
});

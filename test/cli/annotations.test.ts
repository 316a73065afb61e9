/** `swark run` and `swark validate` read a file with notes and groups (format version 5) and ignore them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { arithmeticFile, swark, tempDir, writeJson } from './helpers';

describe('swark run with notes and groups in the file', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    const file = arithmeticFile({ x: 1, y: 2, k: 3 });
    writeJson(dir, 'noted.swark.json', {
      ...file,
      version: 5,
      annotations: [
        { id: 'g1', kind: 'group', x: -40, y: -80, width: 800, height: 400, color: 'blue', text: 'Sum' },
        { id: 'n1', kind: 'note', x: 0, y: 400, width: 240, height: 160, color: 'yellow', text: '**(x + y) × k**' },
      ],
    });
  });

  it('runs the steps as without them', async () => {
    const result = await swark(dir, 'run', 'noted.swark.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^output result = 9$/m);
  });

  it('validates', async () => {
    const result = await swark(dir, 'validate', 'noted.swark.json');
    expect(result.code).toBe(0);
  });
});

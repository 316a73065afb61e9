import { describe, expect, it } from 'vitest';
import { resultLine } from '../../src/worker/summarize';
import { Table } from '../../src/models';

describe("A step's result line", () => {
  it('shows its only output field as is', () => {
    expect(resultLine({ product: 20 })).toBe('20');
    expect(
      resultLine({
        table: Table.fromRows([
          { a: 1, b: 'x' },
          { a: 2, b: 'y' },
          { a: 3, b: 'z' },
        ]),
      }),
    ).toBe('table 3 × 2');
    expect(resultLine({ chart: { kind: 'chart', mark: 'bar', data: Array.from({ length: 12 }, (_, i) => ({ i })) } })).toBe('chart (bar, 12 points)');
    expect(resultLine({ rows: [1, 2, 3] })).toBe('list of 3');
  });

  it('cuts long text to one short line', () => {
    const line = resultLine({ text: 'a,b\n'.repeat(1000) });
    expect(line.length).toBeLessThan(70);
    expect(line).not.toContain('\n');
    expect(line.endsWith('…"')).toBe(true);
  });

  it('names the first field when there are several', () => {
    expect(resultLine({ sum: 5, count: 2 })).toBe('sum: 5 (+1 more)');
    expect(resultLine({})).toBe('nothing');
  });
});

import { describe, expect, it } from 'vitest';
import { textStart } from '../../src/ui/run/truncate';
import { NOT_LOADED, PagedRows } from '../../src/ui/run/pagedRows';
import type { TablePart } from '../../src/worker/protocol';

describe('A long string in the viewer', () => {
  it('shows its first lines and counts the characters left out', () => {
    const csv = ['id,name', ...Array.from({ length: 100_000 }, (_, i) => `${i},row ${i}`)].join('\n');
    const start = textStart(csv, 3);
    expect(start.head).toBe('id,name\n0,row 0\n1,row 1');
    expect(start.head.length + 1 + start.more).toBe(csv.length);
  });

  it('cuts one endless line at the character limit', () => {
    const start = textStart('x'.repeat(10_000), 6, 600);
    expect(start.head.length).toBe(600);
    expect(start.more).toBe(9_400);
  });

  it('shows a short text whole', () => {
    expect(textStart('a\nb')).toEqual({ head: 'a\nb', more: 0 });
  });
});

describe('A table grid fed page by page', () => {
  const part: TablePart = { tablePart: true, names: ['id'], types: { id: 'number' }, rowCount: 1_050, columns: [Array.from({ length: 200 }, (_, i) => i)] };

  it('has the first page and asks for each other page once', () => {
    const rows = new PagedRows(part, 200);
    expect(rows.cell(0, 199)).toBe(199);
    expect(rows.cell(0, 200)).toBe(NOT_LOADED);
    expect(rows.take(150, 450)).toEqual([1, 2]);
    expect(rows.take(150, 450)).toEqual([]);
    rows.add(2, { from: 400, columns: [Array.from({ length: 200 }, (_, i) => 400 + i)] });
    expect(rows.cell(0, 401)).toBe(401);
    expect(rows.take(1_000, 5_000)).toEqual([5]);
  });

  it('asks again for a page whose fetch failed', () => {
    const rows = new PagedRows(part, 200);
    expect(rows.take(200, 210)).toEqual([1]);
    rows.forget(1);
    expect(rows.take(200, 210)).toEqual([1]);
  });

  it('sorted or searched, waits for the first page to know how many rows there are and where each came from', () => {
    const rows = new PagedRows(part, 200, { search: '7' });
    expect(rows.rowCount).toBeNull();
    expect(rows.cell(0, 0)).toBe(NOT_LOADED);
    expect(rows.take(0, 50)).toEqual([0]);
    expect(rows.take(0, 50)).toEqual([]);
    rows.add(0, { from: 0, columns: [[7, 17, 27]], total: 3, rowNumbers: [7, 17, 27] });
    expect(rows.rowCount).toBe(3);
    expect(rows.cell(0, 1)).toBe(17);
    expect(rows.rowNumber(2)).toBe(27);
    expect(rows.take(0, 50)).toEqual([]);
  });
});

/**
 * Numbers read rounded (about six significant digits) with the full value kept for hover and
 * exports; "JSON" on a table gives its rows.
 */
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { cellText } from '../../src/models/table/cellText';
import { formatNumber, fullNumber, roundNumbersInText } from '../../src/ui/shell/formatValue';
import { jsonText } from '../../src/worker/valueFile';
import { shownPart } from '../../src/ui/run/truncate';
import { resultLine, summarizeValue } from '../../src/worker/summarize';

/** Significant digits written in a plain or exponent number text. */
function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').replace(/e[+-]?\d+$/i, '');
  return mantissa.replace('.', '').replace(/^0+/, '').length;
}

describe('numbers for reading', () => {
  it('shows the value seen in the issue as 20.3975, and the full value on hover', () => {
    expect(formatNumber(20.397499999999994)).toBe('20.3975');
    expect(fullNumber(20.397499999999994)).toBe('20.397499999999994');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });

  it('rounds any number to within half a unit of its sixth digit, keeping every integer digit', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 2_000; i++) {
      const value = (random() - 0.5) * 10 ** Math.floor(random() * 30 - 12);
      const text = formatNumber(value);
      const shown = Number(text);
      const integerDigits = Math.max(0, Math.floor(Math.log10(Math.abs(value))) + 1);
      const digits = Math.max(6, integerDigits);
      // Half a unit in the last digit kept, measured from the value's own magnitude.
      const unit = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
      expect(Math.abs(shown - value)).toBeLessThanOrEqual(unit / 2 + Math.abs(value) * 1e-15);
      expect(significantDigits(text)).toBeLessThanOrEqual(digits);
      expect(fullNumber(value)).toBe(text === String(value) ? undefined : String(value));
    }
  });

  it('leaves whole numbers, infinities, NaN and -0 as they are', () => {
    for (const value of [0, 7, -42, 1461, 2 ** 53, 1e21, Infinity, -Infinity, NaN]) {
      expect(formatNumber(value)).toBe(String(value));
      expect(fullNumber(value)).toBeUndefined();
    }
    expect(formatNumber(-0)).toBe('-0');
    expect(formatNumber(1234567.891)).toBe('1234568');
  });

  it('rounds the numbers of a one-line summary, not text in quotes, dates or versions', () => {
    expect(roundNumbersInText('20.397499999999994')).toBe('20.3975');
    expect(roundNumbersInText('sum: 20.397499999999994 (+1 more)')).toBe('sum: 20.3975 (+1 more)');
    expect(roundNumbersInText('{"mean":0.30000000000000004,"label":"pi 3.14159265358979"}')).toBe('{"mean":0.3,"label":"pi 3.14159265358979"}');
    expect(roundNumbersInText('table 1,461 × 6')).toBe('table 1,461 × 6');
    expect(roundNumbersInText('2012-01-01T00:00:00.000Z v1.2.3')).toBe('2012-01-01T00:00:00.000Z v1.2.3');
    expect(roundNumbersInText('[1e-7, 1.23456789e-7]')).toBe('[1e-7, 1.23457e-7]');
  });

  it('shows a cell as the table viewer does', () => {
    expect(cellText(20.397499999999994)).toBe('20.3975');
    expect(cellText(new Date('2012-01-02T00:00:00Z'))).toBe('2012-01-02');
    expect(cellText(new Date('2012-01-02T10:30:00Z'))).toBe('2012-01-02T10:30:00.000Z');
    expect(cellText(null)).toBe('');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('JSON of a table', () => {
  it('is its rows, dates in ISO 8601 and numbers in full, not the app’s encoding', () => {
    const dates = [new Date('2012-01-01T00:00:00Z'), new Date('2012-01-02T12:00:00Z')];
    const table = Table.fromColumns([
      ['date', dates],
      ['mean', [20.397499999999994, null]],
      ['__proto__', ['a', 'b']],
    ]);
    const parsed = JSON.parse(jsonText(table)) as Record<string, unknown>[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(jsonText(table)).not.toContain('$swark');
    expect(parsed.map((row) => row.date)).toEqual(dates.map((date) => date.toISOString()));
    expect(parsed[0]?.mean).toBe(20.397499999999994);
    expect(parsed[1]?.mean).toBeNull();
    expect(parsed.map((row) => Object.hasOwn(row, '__proto__') && row.__proto__)).toEqual(['a', 'b']);
  });

  it('keeps the app’s exact encoding for other values', () => {
    const when = new Date('2012-01-01T00:00:00Z');
    expect(JSON.parse(jsonText({ when }))).toEqual({ when: { $swark: 'date', v: when.getTime() } });
  });
});

describe('values JSON cannot hold are shown as values, not in the codec’s encoding', () => {
  it('writes Infinity, -Infinity, NaN and -0 inside lists and objects as numbers', () => {
    const { json } = shownPart({ xs: [Infinity, -Infinity, NaN, -0, 1], at: new Date('2023-02-01T00:00:00Z') });
    const { xs, at } = json as { xs: number[]; at: { written: string } };
    expect(xs.map((x) => formatNumber(x))).toEqual(['Infinity', '-Infinity', 'NaN', '-0', '1']);
    expect(at.written).toBe('2023-02-01T00:00:00.000Z');
    expect(JSON.stringify(json)).not.toContain('$swark');
  });

  it('keeps an object that has its own $swark key as that object', () => {
    expect(shownPart({ $swark: 'num', v: '-0' }).json).toEqual({ $swark: 'num', v: '-0' });
  });

  it('writes -0 as -0 in the node’s result line and the state preview', () => {
    expect(resultLine({ result: -0 })).toBe('-0');
    expect(resultLine({ result: [-0, Infinity, NaN] })).toBe('list of 3');
    expect(summarizeValue([-0, -Infinity, NaN]).preview).toBe('[-0,-Infinity,NaN]');
  });
});

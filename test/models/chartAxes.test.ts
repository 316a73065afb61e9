/** chart.plot's axes follow the columns, keep the rows' order and never overlap their labels. */
import { describe, expect, it } from 'vitest';
import { axisKind, dateInterval, horizontalOrdinalAxis, rowOrder, smallestGap, verticalOrdinalTicks, whyNothingIsDrawn } from '../../src/models/chart/axes';
import { runModel } from './helpers';
import { Table } from '../../src/models';

describe('the axis a column calls for', () => {
  it('is ordinal for text, time for dates, linear for numbers, ordinal for a mix', () => {
    expect(axisKind(['a', null, 'b'])).toBe('ordinal');
    expect(axisKind([new Date(0), null])).toBe('time');
    expect(axisKind([1, 2.5, null])).toBe('linear');
    expect(axisKind([1, 'a'])).toBe('ordinal');
    expect(axisKind([true, false])).toBe('ordinal');
    expect(axisKind([])).toBe('ordinal');
  });

  it('keeps the categories in the order of the rows', async () => {
    const table = Table.fromColumns({ kind: ['sun', 'rain', 'fog', 'rain', null, 'snow'], n: [5, 4, 3, 2, 1, 0] });
    const { chart } = (await runModel('chart.plot', { table, x: 'kind', y: 'n' })) as { chart: { data: Record<string, unknown>[] } };
    const firstSeen: unknown[] = [];
    for (const row of chart.data) if (row.kind !== null && !firstSeen.includes(row.kind)) firstSeen.push(row.kind);
    expect(rowOrder(chart.data.map((row) => row.kind))).toEqual(firstSeen);
    expect(firstSeen).toEqual(['sun', 'rain', 'fog', 'snow']);
  });
});

describe('ordinal labels', () => {
  const CHAR_PX = 6.2;

  it('never overlap, whatever the number of categories and the width', () => {
    for (let count = 1; count <= 240; count += 7) {
      for (const span of [120, 300, 580, 900, 1400]) {
        const domain = Array.from({ length: count }, (_, i) => `${2012 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
        const axis = horizontalOrdinalAxis(domain, span);
        const step = span / count;
        const positions = axis.ticks.map((tick) => domain.indexOf(tick as string) * step);
        const widest = Math.max(...domain.map((label) => label.length)) * CHAR_PX;
        // Flat labels need their width apart; labels turned 45° need a line height (12 px) apart across their slant.
        for (let i = 1; i < positions.length; i++) {
          const apart = (positions[i] as number) - (positions[i - 1] as number);
          expect(axis.rotate === 0 ? apart : apart * Math.SQRT1_2).toBeGreaterThanOrEqual(axis.rotate === 0 ? widest : 12);
        }
        expect(axis.ticks[0]).toBe(domain[0]);
      }
    }
  });

  it('shows every label when they fit, and rotates or thins the 48 months of the Seattle chart', () => {
    const few = ['sun', 'rain', 'fog'];
    expect(horizontalOrdinalAxis(few, 600)).toEqual({ ticks: few, rotate: 0, margin: 30 });
    const months = Array.from({ length: 48 }, (_, i) => `${2012 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const axis = horizontalOrdinalAxis(months, 580);
    expect(axis.ticks.length).toBeLessThan(48);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(12);
  });

  it('thins vertical labels to one per line', () => {
    const domain = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const ticks = verticalOrdinalTicks(domain, 300);
    expect(ticks.length).toBeLessThanOrEqual(300 / 12);
    expect(verticalOrdinalTicks(domain.slice(0, 5), 300)).toEqual(domain.slice(0, 5));
  });
});

describe('bars over time and numbers', () => {
  it('span the calendar interval their dates start', () => {
    expect(dateInterval([new Date('2012-01-01'), new Date('2013-01-01')])).toBe('year');
    expect(dateInterval([new Date('2012-01-01'), new Date('2012-02-01')])).toBe('month');
    expect(dateInterval([new Date('2012-01-01'), new Date('2012-01-02')])).toBe('day');
    expect(dateInterval([new Date('2012-01-01T06:00:00Z')])).toBeNull();
  });

  it('are as wide as the smallest gap between values', () => {
    expect(smallestGap([3, 1, 10, 2, 2])).toBe(1);
    expect(smallestGap([0.5, 1.7, 3.1])).toBeCloseTo(1.2);
    expect(smallestGap([4])).toBe(1);
  });
});

describe('why a chart draws nothing', () => {
  it('says a bar or area chart of text on y needs numbers, naming the column', () => {
    expect(whyNothingIsDrawn('bar', 'label', ['hot', '12.5', 'hot', '8'])).toBe(
      'y (`label`) is text: a bar chart needs numbers on y, so nothing is drawn (2 of its 4 values are numbers written as text, others like "hot" are not): make it a number column, e.g. CAST(… AS REAL) in SQL or Number(label) in a derive',
    );
    expect(whyNothingIsDrawn('area', 'city', ['Paris', 'Nice'])).toBe(
      'y (`city`) is text: an area chart needs numbers on y, so nothing is drawn: choose a column of numbers for y, or a point chart to place text',
    );
    expect(whyNothingIsDrawn('bar', 'v', [1, 'hot', null])).toMatch(/^y \(`v`\) is text as well as numbers: a bar chart needs numbers on y/);
    expect(whyNothingIsDrawn('bar', 'when', [new Date(0)])).toMatch(/^y \(`when`\) is dates: a bar chart needs numbers on y/);
  });

  it('says nothing when there is something to draw; says so when y is empty in every row', () => {
    expect(whyNothingIsDrawn('bar', 'n', [1, null, 3])).toBeNull();
    expect(whyNothingIsDrawn('point', 'city', ['Paris'])).toBeNull();
    expect(whyNothingIsDrawn('line', 'city', ['Paris'])).toBeNull();
    expect(whyNothingIsDrawn('point', 'n', [null, null])).toBe('y (`n`) has no values in any row, so there is nothing to draw');
    expect(whyNothingIsDrawn('bar', 'n', [])).toBe('the table has no rows, so there is nothing to draw');
  });
});

/** What the expression field offers as the person types, and that every example it shows is valid. */
import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../src/models/table/expression';
import { FUNCTIONS, METHODS } from '../../src/models/table/expression/catalog';
import { completeExpression } from '../../src/models/table/expression/complete';
import { REFERENCE } from '../../src/models/table/expression/reference';

const columns = [{ name: 'city', type: 'text' }, { name: 'country' }, { name: 'max temp', type: 'number' }, { name: 'date', type: 'date' }];
const labels = (text: string, cursor = text.length, known: typeof columns | null = columns) =>
  completeExpression(text, cursor, known).options.map((option) => option.label);

describe('completeExpression', () => {
  it('offers columns, functions and keywords for a word, with their help', () => {
    const result = completeExpression('ci', 2, columns);
    expect(result).toMatchObject({ from: 0, typed: true });
    expect(result.options[0]).toEqual({ label: 'city', kind: 'column', detail: 'text column', info: 'The column city', apply: 'city' });
    expect(labels('temp > 3 && c')).toEqual(['city', 'country', 'ceil', 'cbrt', 'cos', 'cosh']);
    const month = completeExpression('mon', 3, columns).options.find((option) => option.label === 'month');
    expect(month).toMatchObject({ kind: 'function', detail: 'month(date)', info: 'The month of a date, 1–12 (UTC)', apply: 'month(' });
  });

  it('puts a name with spaces in backticks, and completes inside an open backtick', () => {
    expect(completeExpression('max', 3, columns).options[0]).toMatchObject({ label: 'max temp', apply: '`max temp`' });
    expect(completeExpression('`ma', 3, columns)).toMatchObject({ from: 1, options: [{ label: 'max temp', apply: 'max temp`' }] });
  });

  it('offers text methods after a dot, Math members after Math., columns after d.', () => {
    expect(labels('city.st')).toEqual(['startsWith']);
    expect(completeExpression('city.le', 7, columns).options[0]).toMatchObject({ label: 'length', apply: 'length' });
    expect(labels('city.toLowerCase().')).toEqual(METHODS.map((spec) => spec.name));
    expect(labels('Math.P')).toEqual(['pow', 'PI']);
    expect(labels('d.c')).toEqual(['city', 'country']);
    // A name with spaces cannot follow a dot.
    expect(labels('d.m')).toEqual([]);
  });

  it('offers only functions and keywords before a run has shown the columns', () => {
    expect(labels('', 0, null)).toEqual([...FUNCTIONS.map((spec) => spec.name), 'null', 'true', 'false']);
    expect(completeExpression('', 0, null).typed).toBe(false);
    expect(labels('3.1')).toEqual([]);
  });
});

describe('the in-app reference', () => {
  const examples = [
    ...REFERENCE.flatMap((section) => section.entries.map((entry) => entry.code)),
    ...FUNCTIONS.map((spec) => spec.example),
    ...METHODS.map((spec) => spec.example),
  ];

  it.each(examples)('example %s is a valid expression', (example) => {
    expect(checkExpression(example, null, 'value')).toMatchObject({ ok: true });
  });

  it('has a section for each part of the language', () => {
    expect(REFERENCE.map((section) => section.title)).toEqual([
      'Columns',
      'Comparisons and logic',
      'Membership',
      'Empty cells',
      'Dates (UTC)',
      'Text',
      'Numbers',
      'Conversions',
    ]);
  });
});

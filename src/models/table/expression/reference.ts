/**
 * The reference the app shows beside an expression field: the language's forms with an example
 * each, then every function and method from the catalog. A summary of docs/expressions.md.
 */
import { DATE_FUNCTIONS, CONVERT_FUNCTIONS, MATH_FUNCTIONS, METHODS } from './catalog';

interface ReferenceEntry {
  /** An example, in the language. */
  code: string;
  help: string;
}

export interface ReferenceSection {
  title: string;
  entries: ReferenceEntry[];
}

const COMMON_MATH = new Set(['abs', 'round', 'floor', 'ceil', 'trunc', 'min', 'max', 'sqrt', 'pow', 'log', 'exp', 'sign']);

export const REFERENCE: readonly ReferenceSection[] = [
  {
    title: 'Columns',
    entries: [
      { code: 'temp > 20', help: 'A column by its name' },
      { code: 'd.temp > 20', help: 'The same, through the row d' },
      { code: '`max temp` > 20', help: 'A name with spaces, in backticks (d["max temp"] works too)' },
    ],
  },
  {
    title: 'Comparisons and logic',
    entries: [
      { code: 'weather == "sun" && temp >= 20', help: '== != < <= > >=, joined with && (and), || (or)' },
      { code: '!(weather == "rain")', help: '! turns a condition around; parentheses group' },
      { code: 'temp > 25 ? "hot" : "mild"', help: 'cond ? a : b picks a value' },
    ],
  },
  {
    title: 'Membership',
    entries: [
      { code: 'city in ["Paris", "Nice"]', help: 'Whether the cell is one of the list' },
      { code: '["Paris", "Nice"].includes(city)', help: 'The same, JavaScript’s way' },
    ],
  },
  {
    title: 'Empty cells',
    entries: [
      { code: 'temp == null', help: 'Rows where temp is empty (!= null skips them)' },
      { code: 'temp ?? 0', help: 'temp, or 0 where it is empty' },
      { code: 'temp > 20', help: 'An empty temp makes the comparison unknown: the row is dropped' },
      { code: 'temp * 2 == temp', help: 'A value computed from an empty cell is unknown: the row is dropped' },
    ],
  },
  {
    title: 'Dates (UTC)',
    entries: [
      { code: 'date >= "2023-02-01"', help: 'A date compared with ISO text compares as dates' },
      { code: 'date < date(2023, 3, 1)', help: 'date("2023-03-01") or date(year, month, day)' },
      ...DATE_FUNCTIONS.filter((spec) => spec.name !== 'date').map((spec) => ({ code: spec.example, help: `${spec.signature}: ${spec.help}` })),
    ],
  },
  {
    title: 'Text',
    entries: [
      ...METHODS.filter((spec) => spec.receiver === 'text').map((spec) => ({ code: spec.example, help: `${spec.signature}: ${spec.help}` })),
      { code: 'city + ", " + country', help: '+ joins text' },
    ],
  },
  {
    title: 'Numbers',
    entries: [
      { code: '(temp_max + temp_min) / 2', help: '+ - * / % ** as in JavaScript' },
      ...MATH_FUNCTIONS.filter((spec) => COMMON_MATH.has(spec.name)).map((spec) => ({ code: spec.example, help: `${spec.signature}: ${spec.help}` })),
      { code: 'Math.PI * r ** 2', help: 'Every Math function and constant, with or without Math.' },
      ...METHODS.filter((spec) => spec.receiver === 'number').map((spec) => ({ code: spec.example, help: `${spec.signature}: ${spec.help}` })),
    ],
  },
  {
    title: 'Conversions',
    entries: CONVERT_FUNCTIONS.map((spec) => ({ code: spec.example, help: `${spec.signature}: ${spec.help}` })),
  },
];

/**
 * Logic (`&&` `||` `!`, SQL's three-valued logic: an unknown — empty — part stays unknown unless
 * the other side decides), arithmetic (JavaScript's on numbers; an empty cell gives an empty
 * result), `+` joining text, `??`, and `cond ? a : b`.
 */
import { RowError } from './errors';
import { expecting, fail, fits, folded, kindOf, quoted, type Part, type Span } from './part';
import { describeType, showValue, textOf, typeOfValue, type Evaluate, type Value, type ValueType } from './values';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '**';

/** How to turn a non-condition into one, for messages. */
export function conditionHint(part: Part): string {
  switch (part.type) {
    case 'number':
      return `: compare it, e.g. ${part.text} > 0`;
    case 'text':
      return `: compare it, e.g. ${part.text} == "…", or test for an empty cell with ${part.text} != null`;
    case 'date':
      return `: compare it, e.g. ${part.text} >= "2023-01-01"`;
    default:
      return '';
  }
}

export function logical(op: '&&' | '||', left: Part, right: Part, whole: Span): Part {
  for (const side of [left, right]) {
    if (!fits(side, 'boolean')) fail(side, `\`${op}\` joins conditions that are true or false, but ${kindOf(side)}${conditionHint(side)}`);
  }
  const l = expecting(left, 'boolean', `\`${op}\``);
  const r = expecting(right, 'boolean', `\`${op}\``);
  const evaluate: Evaluate =
    op === '&&'
      ? (i) => {
          const a = l(i);
          if (a === false) return false;
          const b = r(i);
          if (b === false) return false;
          return a === null || b === null ? null : true;
        }
      : (i) => {
          const a = l(i);
          if (a === true) return true;
          const b = r(i);
          if (b === true) return true;
          return a === null || b === null ? null : false;
        };
  return folded({ ...whole, type: 'boolean', evaluate }, [left, right]);
}

export function not(operand: Part, whole: Span): Part {
  if (!fits(operand, 'boolean')) {
    fail(
      whole,
      `\`!\` turns a condition (true or false) around, but ${kindOf(operand)}: to negate a whole condition, put it in parentheses, e.g. !(${operand.text} == "…") or !(${operand.text} in […])`,
    );
  }
  const o = expecting(operand, 'boolean', '`!`');
  return folded(
    {
      ...whole,
      type: 'boolean',
      evaluate: (i) => {
        const a = o(i);
        return a === null ? null : !a;
      },
    },
    [operand],
  );
}

export function negative(operand: Part, whole: Span, sign: '-' | '+'): Part {
  if (!fits(operand, 'number')) {
    const hint = operand.type === 'text' && sign === '+' ? `: to read text as a number write Number(${operand.text})` : '';
    fail(whole, `\`${sign}\` works on numbers, but ${kindOf(operand)}${hint}`);
  }
  const o = expecting(operand, 'number', `\`${sign}\``);
  const evaluate: Evaluate =
    sign === '-'
      ? (i) => {
          const a = o(i);
          return a === null ? null : -(a as number);
        }
      : o;
  return folded({ ...whole, type: 'number', evaluate }, [operand]);
}

function numberHint(part: Part, op: ArithmeticOp): string {
  if (part.type === 'date')
    return op === '-'
      ? ': subtract two dates for the milliseconds between them, or use year(d), month(d), day(d)'
      : ': use year(d), month(d), day(d), or subtract two dates for the milliseconds between them';
  if (part.type === 'text') return `: to read text as a number write Number(${part.text})`;
  return '';
}

export function arithmetic(op: ArithmeticOp, left: Part, right: Part, whole: Span): Part {
  const text = left.type === 'text' || right.type === 'text';
  if (op === '+' && text) return join(left, right, whole);
  if (op === '-' && left.type === 'date' && right.type === 'date')
    return folded({ ...whole, type: 'number', evaluate: dateDifference(left.evaluate, right.evaluate) }, [left, right]);
  if ((op === '+' || op === '-') && (left.type === 'any' || right.type === 'any') && fitsLoosely(left, op) && fitsLoosely(right, op)) {
    return folded({ ...whole, type: 'any', evaluate: dynamicPlusMinus(op, left, right, whole) }, [left, right]);
  }
  for (const side of [left, right]) {
    if (!fits(side, 'number')) fail(whole, `\`${op}\` works on numbers, but ${kindOf(side)}${numberHint(side, op)}`);
  }
  const l = expecting(left, 'number', `\`${op}\``);
  const r = expecting(right, 'number', `\`${op}\``);
  return folded({ ...whole, type: 'number', evaluate: numeric(op, l, r) }, [left, right]);
}

/** With a mixed column on one side, the other side's kind still tells whether `+`/`-` can work. */
function fitsLoosely(part: Part, op: '+' | '-'): boolean {
  return part.type === 'any' || part.type === 'null' || part.type === 'number' || (op === '+' && part.type === 'text') || (op === '-' && part.type === 'date');
}

function numeric(op: ArithmeticOp, l: Evaluate, r: Evaluate): Evaluate {
  const both =
    (compute: (a: number, b: number) => number): Evaluate =>
    (i) => {
      const a = l(i);
      if (a === null) return null;
      const b = r(i);
      return b === null ? null : compute(a as number, b as number);
    };
  switch (op) {
    case '+':
      return both((a, b) => a + b);
    case '-':
      return both((a, b) => a - b);
    case '*':
      return both((a, b) => a * b);
    case '/':
      return both((a, b) => a / b);
    case '%':
      return both((a, b) => a % b);
    case '**':
      return both((a, b) => a ** b);
  }
}

const dateDifference =
  (l: Evaluate, r: Evaluate): Evaluate =>
  (i) => {
    const a = l(i);
    if (a === null) return null;
    const b = r(i);
    return b === null ? null : (a as Date).getTime() - (b as Date).getTime();
  };

/** `+` with text on a side: JavaScript's joining, with dates as ISO text; an empty cell stays empty. */
function join(left: Part, right: Part, whole: Span): Part {
  const l = left.evaluate;
  const r = right.evaluate;
  const evaluate: Evaluate = (i) => {
    const a = l(i);
    if (a === null) return null;
    const b = r(i);
    return b === null ? null : textOf(a) + textOf(b);
  };
  return folded({ ...whole, type: 'text', evaluate }, [left, right]);
}

function dynamicPlusMinus(op: '+' | '-', left: Part, right: Part, whole: Span): Evaluate {
  const l = left.evaluate;
  const r = right.evaluate;
  return (row) => {
    const a = l(row);
    if (a === null) return null;
    const b = r(row);
    if (b === null) return null;
    if (typeof a === 'number' && typeof b === 'number') return op === '+' ? a + b : a - b;
    if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return textOf(a) + textOf(b);
    if (op === '-' && a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
    throw new RowError(
      `\`${op}\` cannot combine ${showValue(a)} (${describeType(typeOfValue(a))}) and ${showValue(b)} (${describeType(typeOfValue(b))})`,
      row,
      whole.start,
      whole.end,
    );
  };
}

/** The kind of `a ?? b` or `c ? a : b`: both sides must agree (null and mixed columns fit either). */
function unify(left: Part, right: Part, whole: Span, form: string): ValueType {
  if (left.type === right.type) return left.type;
  if (left.type === 'null') return right.type;
  if (right.type === 'null') return left.type;
  if (left.type === 'any' || right.type === 'any') return 'any';
  fail(
    whole,
    `the two sides of ${form} give ${describeType(left.type)} (${quoted(left)}) and ${describeType(right.type)} (${quoted(right)}): make them the same kind`,
  );
}

export function coalesce(left: Part, right: Part, whole: Span): Part {
  const type = unify(left, right, whole, '`??`');
  const l = left.evaluate;
  const r = right.evaluate;
  return folded(
    {
      ...whole,
      type,
      evaluate: (i) => {
        const a = l(i);
        return a === null ? r(i) : a;
      },
    },
    [left, right],
  );
}

export function conditional(test: Part, consequent: Part, alternate: Part, whole: Span): Part {
  if (!fits(test, 'boolean')) fail(test, `the part before \`?\` must be true or false, but ${kindOf(test)}${conditionHint(test)}`);
  const type = unify(consequent, alternate, whole, '`? :`');
  const t = expecting(test, 'boolean', '`? :`');
  const yes = consequent.evaluate;
  const no = alternate.evaluate;
  // An unknown (empty) test takes the `:` side, as SQL's CASE and JavaScript's falsy null both do.
  return folded({ ...whole, type, evaluate: (i): Value => (t(i) === true ? yes(i) : no(i)) }, [test, consequent, alternate]);
}

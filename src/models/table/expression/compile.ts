/**
 * Syntax tree → checked, compiled Part. Every form the language has is handled here; any other
 * node fails with a message naming it and saying what to write instead.
 */
import type {
  ArrayExpression,
  CallExpression,
  Expression,
  Identifier,
  Literal,
  MemberExpression,
  Node,
  PrivateIdentifier,
  SpreadElement,
  Super,
  TemplateLiteral,
} from 'acorn';
import { columnNotFound } from '../table';
import { FUNCTION_BY_NAME, INSTEAD_OF, NOT_REPEATABLE, MATH_BY_NAME, MATH_CONSTANTS, METHOD_BY_NAME, METHODS, FUNCTIONS, own } from './catalog';
import { callFunction, callMethod } from './calls';
import { equal, membership, order, type CompareContext } from './compare';
import { arithmetic, coalesce, conditional, logical, negative, not, type ArithmeticOp } from './operators';
import { constantPart, fail, quoted, type Part, type Span } from './part';
import { parseExpression } from './parse';
import { describeType, type Value, type ValueType } from './values';

/** The columns an expression may read: names (null when not known yet, then any name is a column) and their kinds and values. */
export interface Scope {
  names: readonly string[] | null;
  typeOf(name: string): ValueType;
  valuesOf(name: string): readonly unknown[];
}

/** arquero's `op.` functions people may still write: the same meaning here, or what to write. */
const OP_INSTEAD: Readonly<Record<string, string>> = {
  year: 'year(x)',
  month: 'month(x) (months count 1–12 here, not 0–11)',
  date: 'day(x)',
  dayofweek: 'weekday(x)',
  hours: 'hour(x)',
  minutes: 'minute(x)',
  lower: 'x.toLowerCase()',
  upper: 'x.toUpperCase()',
  startswith: 'x.startsWith("…")',
  endswith: 'x.endsWith("…")',
  includes: 'x.includes("…") or x in […]',
  length: 'x.length',
  trim: 'x.trim()',
  substring: 'x.slice(start, end)',
  parse_float: 'Number(x)',
  parse_int: 'Number(x)',
  is_nan: 'x != x (NaN is the only value unequal to itself) or x == null for empty cells',
  is_valid: 'x != null',
};

export function compileSource(source: string, scope: Scope): Part {
  let tree: Node = parseExpression(source, scope.names);
  let rowName = 'd';
  if (tree.type === 'ArrowFunctionExpression') {
    const arrow = tree as Extract<Expression, { type: 'ArrowFunctionExpression' }>;
    const [param] = arrow.params;
    if (arrow.params.length !== 1 || param?.type !== 'Identifier' || arrow.body.type === 'BlockStatement') {
      fail(arrow, 'write the expression itself (e.g. temp > 20), or one row parameter: d => d.temp > 20');
    }
    rowName = param.name;
    tree = arrow.body;
  }
  return new Compiler(source, scope, rowName).compile(tree);
}

class Compiler {
  private readonly context: CompareContext;
  constructor(
    private readonly source: string,
    private readonly scope: Scope,
    private readonly rowName: string,
  ) {
    this.context = { names: scope.names };
  }

  private span(node: Node): Span {
    return { start: node.start, end: node.end, text: this.source.slice(node.start, node.end) };
  }

  private isColumn(name: string): boolean {
    return this.scope.names?.includes(name) ?? false;
  }

  compile(node: Node): Part {
    const span = this.span(node);
    switch (node.type) {
      case 'Identifier':
        return this.identifier(node as Identifier);
      case 'Literal':
        return this.literal(node as Literal);
      case 'TemplateLiteral':
        return this.backticked(node as TemplateLiteral);
      case 'MemberExpression':
        return this.member(node as MemberExpression);
      case 'CallExpression':
        return this.call(node as CallExpression);
      case 'ChainExpression':
        return this.compile((node as Extract<Expression, { type: 'ChainExpression' }>).expression);
      case 'BinaryExpression':
        return this.binary(node as Extract<Expression, { type: 'BinaryExpression' }>);
      case 'LogicalExpression': {
        const logic = node as Extract<Expression, { type: 'LogicalExpression' }>;
        const left = this.compile(logic.left);
        const right = this.compile(logic.right);
        return logic.operator === '??' ? coalesce(left, right, span) : logical(logic.operator, left, right, span);
      }
      case 'UnaryExpression':
        return this.unary(node as Extract<Expression, { type: 'UnaryExpression' }>);
      case 'ConditionalExpression': {
        const choice = node as Extract<Expression, { type: 'ConditionalExpression' }>;
        return conditional(this.compile(choice.test), this.compile(choice.consequent), this.compile(choice.alternate), span);
      }
      case 'ArrayExpression':
        return fail(node, `a list ${quoted(span)} can only be used to test membership: ${span.text}.includes(x) or x in ${span.text}`);
      case 'AssignmentExpression':
        return fail(node, 'use `==` to compare (a single `=` assigns)');
      case 'SequenceExpression':
        return fail(node, `a comma only separates a function's arguments or a list's items (in ${quoted(span)}); join conditions with && or ||`);
      case 'NewExpression': {
        const callee = (node as Extract<Expression, { type: 'NewExpression' }>).callee;
        return fail(
          node,
          callee.type === 'Identifier' && callee.name === 'Date'
            ? 'write date("2023-02-01") for a date (new Date(…) depends on the time zone)'
            : `\`new\` is not part of the expression language`,
        );
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return fail(node, 'functions cannot be written inside an expression: write the expression itself, e.g. temp > 20');
      case 'ObjectExpression':
        return fail(node, 'objects `{…}` are not part of the expression language: a value is a number, text, true/false, a date or null');
      case 'UpdateExpression':
        return fail(node, '`++` and `--` change a value; write x + 1 or x - 1');
      default:
        return fail(node, `${quoted(span)} is not part of the expression language (see the reference: comparisons, && || !, + - * /, functions, text methods)`);
    }
  }

  // ---------------------------------------------------------------- names

  private column(name: string, node: Node): Part {
    if (this.scope.names && !this.scope.names.includes(name)) fail(node, columnNotFound(name, this.scope.names) + didYouMean(name, this.scope.names));
    const values = this.scope.valuesOf(name);
    return { ...this.span(node), type: this.scope.typeOf(name), column: values, evaluate: (i) => (values[i] ?? null) as Value };
  }

  private identifier(node: Identifier): Part {
    const { name } = node;
    const span = this.span(node);
    if (this.isColumn(name)) return this.column(name, node);
    if (name === 'undefined') return constantPart('null', null, span);
    if (name === 'NaN') return constantPart('number', NaN, span);
    if (name === 'Infinity') return constantPart('number', Infinity, span);
    if (name === this.rowName) fail(node, `\`${name}\` stands for the whole row: write ${name}.column or ${name}["column name"]`);
    // Before a run shows the columns, a bare `date` may well be a column called date.
    if (this.scope.names === null) return this.column(name, node);
    const spec = FUNCTION_BY_NAME.get(name);
    if (spec) fail(node, `\`${name}\` is a function: call it with parentheses, e.g. ${spec.signature}`);
    if (name === 'Math') fail(node, 'use a Math function or constant, e.g. Math.abs(x) or Math.PI');
    return this.column(name, node);
  }

  private literal(node: Literal): Part {
    const span = this.span(node);
    if (node.regex) fail(node, 'regular expressions are not supported: use text.includes("…"), text.startsWith("…") or text.endsWith("…")');
    if (typeof node.value === 'bigint') fail(node, `write the number without the n: ${span.text.slice(0, -1)}`);
    const value = node.value as string | number | boolean | null;
    return constantPart(
      typeof value === 'string' ? 'text' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'null',
      value,
      span,
    );
  }

  /** `` `name with spaces` `` is a column name (template text with `${…}` is not part of the language). */
  private backticked(node: TemplateLiteral): Part {
    if (node.expressions.length) fail(node, 'backticks name a column; `${…}` inside them is not supported: join text with +, e.g. a + "-" + b');
    const quasi = node.quasis[0];
    const name = quasi?.value.cooked ?? quasi?.value.raw ?? '';
    return this.column(name, node);
  }

  /** `name`, `"name"` or `` `name` `` after a dot or in brackets; undefined for anything computed. */
  private propertyName(node: MemberExpression): string | undefined {
    const property = node.property as Expression | PrivateIdentifier;
    if (!node.computed) return property.type === 'Identifier' ? property.name : undefined;
    if (property.type === 'Literal' && typeof property.value === 'string') return property.value;
    if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
    return undefined;
  }

  private isRowObject(object: Expression | Super): boolean {
    return object.type === 'Identifier' && object.name === this.rowName && !this.isColumn(this.rowName);
  }

  private isGlobal(object: Expression | Super, name: 'Math' | 'op'): boolean {
    return object.type === 'Identifier' && object.name === name && !this.isColumn(name);
  }

  private member(node: MemberExpression): Part {
    const property = this.propertyName(node);
    const span = this.span(node);
    if (this.isRowObject(node.object)) {
      if (property === undefined) fail(node.property, `write the column name in quotes: ${this.rowName}["column name"]`);
      return this.column(property, node);
    }
    if (this.isGlobal(node.object, 'Math') && property !== undefined) {
      const constant = own(MATH_CONSTANTS, property);
      if (constant !== undefined) return constantPart('number', constant, span);
      if (MATH_BY_NAME.has(property)) fail(node, `\`Math.${property}\` is a function: call it, e.g. Math.${property}(x)`);
      fail(node, unknownName(`Math.${property}`, property));
    }
    if (node.computed) fail(node, `\`[…]\` picks a column only after the row: write ${this.rowName}["column name"]`);
    const receiver = this.compile(node.object as Expression);
    const method = property === undefined ? undefined : METHOD_BY_NAME.get(property);
    if (method?.property) return callMethod(method, receiver, [], span);
    if (method) fail(node, `\`${property}\` is a method: call it with parentheses, ${span.text}(${method.params.length ? '…' : ''})`);
    return fail(node, unknownMethod(span.text, property ?? '', receiver));
  }

  private arguments(args: readonly (Expression | SpreadElement)[]): Part[] {
    return args.map((arg) => (arg.type === 'SpreadElement' ? fail(arg, '`...` is not part of the expression language') : this.compile(arg)));
  }

  private call(node: CallExpression): Part {
    const span = this.span(node);
    const callee = node.callee;
    if (callee.type === 'Identifier') {
      const spec = FUNCTION_BY_NAME.get(callee.name);
      if (spec) return callFunction(spec, callee.name, this.arguments(node.arguments), span);
      if (this.isColumn(callee.name)) fail(callee, `\`${callee.name}\` is a column, not a function`);
      const first = node.arguments[0];
      return fail(callee, unknownName(callee.name, callee.name, first ? this.span(first).text : undefined));
    }
    if (callee.type !== 'MemberExpression') return fail(callee, `only functions by name can be called, e.g. abs(x); ${quoted(this.span(callee))} is not one`);
    const property = this.propertyName(callee);
    if (property !== undefined && this.isGlobal(callee.object, 'Math')) {
      const spec = MATH_BY_NAME.get(property);
      if (!spec) fail(callee, unknownName(`Math.${property}`, property));
      return callFunction(spec, `Math.${property}`, this.arguments(node.arguments), span);
    }
    if (property !== undefined && this.isGlobal(callee.object, 'op')) {
      const spec = MATH_BY_NAME.get(property);
      if (!spec) fail(callee, `\`op.${property}\` was arquero's; write ${own(OP_INSTEAD, property) ?? 'one of the functions in the reference'}`);
      return callFunction(spec, `op.${property}`, this.arguments(node.arguments), span);
    }
    if (this.isRowObject(callee.object)) fail(callee, `${quoted(this.span(callee))} is a column, not a function`);
    if (callee.object.type === 'ArrayExpression') return this.listIncludes(callee.object, property, node, span);
    const receiver = this.compile(callee.object as Expression);
    const method = property === undefined ? undefined : METHOD_BY_NAME.get(property);
    if (!method) return fail(callee.property, unknownMethod(this.span(callee).text + '()', property ?? '', receiver));
    if (method.property) fail(node, `\`${method.name}\` is read without parentheses: ${receiver.text}.${method.name}`);
    return callMethod(method, receiver, this.arguments(node.arguments), span);
  }

  private items(list: ArrayExpression): Part[] {
    return list.elements.map((element) =>
      element === null
        ? fail(list, 'the list has an empty place (two commas in a row)')
        : element.type === 'SpreadElement'
          ? fail(element, '`...` is not part of the expression language')
          : this.compile(element),
    );
  }

  private listIncludes(list: ArrayExpression, property: string | undefined, node: CallExpression, span: Span): Part {
    if (property !== 'includes') fail(node, `a list […] can only be asked \`.includes(x)\`, not \`.${property ?? '…'}\``);
    const [value, ...extra] = this.arguments(node.arguments);
    if (!value || extra.length) fail(node, `\`.includes\` on a list takes one value: ${this.span(list).text}.includes(column)`);
    return membership(value, this.items(list), span);
  }

  // ---------------------------------------------------------------- operators

  private binary(node: Extract<Expression, { type: 'BinaryExpression' }>): Part {
    const span = this.span(node);
    const { operator } = node;
    if (node.left.type === 'PrivateIdentifier') return fail(node.left, `${quoted(this.span(node.left))} is not part of the expression language`);
    if (operator === 'in') return this.within(node.left, node.right, span);
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    switch (operator) {
      case '==':
      case '===':
        return equal('==', left, right, span, this.context);
      case '!=':
      case '!==':
        return equal('!=', left, right, span, this.context);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return order(operator, left, right, span, this.context);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '**':
        return arithmetic(operator as ArithmeticOp, left, right, span);
      case 'instanceof':
        return fail(node, '`instanceof` is not part of the expression language: to test for empty cells write x == null');
      default:
        return fail(node, `\`${operator}\` works on bits and is not part of the expression language: use && || for conditions and ** for powers`);
    }
  }

  /** `x in [a, b]`: membership (JavaScript's own `in` asks for array positions, which no one means here). */
  private within(leftNode: Expression, rightNode: Expression, span: Span): Part {
    if (rightNode.type === 'SequenceExpression')
      fail(rightNode, `write the list in square brackets: ${this.span(leftNode).text} in [${rightNode.expressions.map((e) => this.span(e).text).join(', ')}]`);
    if (rightNode.type !== 'ArrayExpression') {
      if (leftNode.type === 'Literal' && typeof leftNode.value === 'string')
        fail(
          rightNode,
          `\`in\` tests membership of a list; to find text inside a column write ${this.span(rightNode).text}.includes(${this.span(leftNode).text})`,
        );
      fail(rightNode, `\`in\` needs a list in square brackets, e.g. ${this.span(leftNode).text} in ["Paris", "Nice"]`);
    }
    return membership(this.compile(leftNode), this.items(rightNode), span);
  }

  private unary(node: Extract<Expression, { type: 'UnaryExpression' }>): Part {
    const span = this.span(node);
    switch (node.operator) {
      case '!':
        return not(this.compile(node.argument), span);
      case '-':
      case '+':
        return negative(this.compile(node.argument), span, node.operator);
      case 'typeof':
        return fail(node, '`typeof` is not part of the expression language: to test for empty cells write x == null');
      default:
        return fail(node, `\`${node.operator}\` is not part of the expression language`);
    }
  }
}

// ---------------------------------------------------------------- messages

const FUNCTION_NAMES = FUNCTIONS.map((spec) => spec.name);
/** The functions named in an "unknown function" message (the rest of Math is in the reference). */
const COMMON_FUNCTIONS =
  'abs, round, floor, ceil, trunc, min, max, sqrt, pow, log, exp, sign, year, month, day, weekday, hour, minute, date, String, Number (and the other Math functions)';

/** What to write instead, with `x` standing for what the person wrote (the argument or the receiver). */
const instead = (name: string, x: string | undefined) => own(INSTEAD_OF, name)?.replace(/\bx\b/g, x ?? 'x');

function unknownName(written: string, name: string, argument?: string): string {
  if (NOT_REPEATABLE.has(name))
    return `\`${written}\` is not available: an expression gives the same answer on every run, so its result can be cached${own(INSTEAD_OF, name) ? `; write ${own(INSTEAD_OF, name)}` : ''}`;
  const replacement = instead(name, argument);
  if (replacement) return `unknown function \`${written}\`: write ${replacement}`;
  const near = didYouMean(name, FUNCTION_NAMES);
  return `unknown function \`${written}\`${near || `; the functions are: ${COMMON_FUNCTIONS}`}`;
}

function unknownMethod(written: string, name: string, receiver: Part): string {
  const replacement = instead(name, receiver.text);
  if (replacement) return `unknown method \`${written}\`: write ${replacement}`;
  const kinds: string[] = receiver.type === 'any' ? ['text', 'number'] : [receiver.type];
  const names = METHODS.filter((spec) => kinds.includes(spec.receiver)).map((spec) => (spec.property ? spec.name : `${spec.name}()`));
  const on = describeType(receiver.type);
  return names.length
    ? `unknown method \`${written}\`: on ${on} you can use ${names.join(', ')}`
    : `unknown method \`${written}\`: ${on} has no methods; see the functions in the reference`;
}

/** " (did you mean `city`?)" for a name one or two edits (or only case) away from one of `names`. */
function didYouMean(name: string, names: readonly string[]): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = name.length > 3 ? 3 : 2;
  for (const candidate of names) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean \`${best}\`?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Text → syntax tree, with acorn (a well-kept JavaScript parser, already arquero's). Habits from
 * SQL (`=`, `and`, `<>`, `IS NULL`, `LIKE`) are caught on the tokens first, so they get a message
 * that says what to write instead rather than a bare "unexpected token".
 */
import { parseExpressionAt, tokenizer, tokTypes, type Expression, type Token } from 'acorn';
import { code, ExpressionError } from './errors';

const OPTIONS = { ecmaVersion: 'latest' } as const;

const SQL_OPERATORS: Record<string, string> = { and: '&&', or: '||', not: '!' };

/** The expression's tree; throws an ExpressionError naming the mistake. `columns` keeps a column called `and` usable. */
export function parseExpression(source: string, columns: readonly string[] | null = null): Expression {
  if (!source.trim()) throw new ExpressionError('the expression is empty', 0, 0);
  const tokens = tokensOf(source);
  if (tokens) habitCheck(source, tokens, columns);
  let node: Expression;
  try {
    node = parseExpressionAt(source, 0, OPTIONS);
  } catch (error) {
    throw syntaxError(source, error);
  }
  const rest = source.slice(node.end);
  const extra = rest.search(/\S/);
  if (extra >= 0 && !/^\s*(\/\/.*|\/\*[\s\S]*?\*\/\s*)*$/.test(rest)) {
    const at = node.end + extra;
    throw new ExpressionError(`it is not a valid expression: ${describeAt(source, at)}`, at, Math.min(source.length, at + 1));
  }
  return node;
}

/** acorn's tokens carry their value, though its types leave it out. */
type ValuedToken = Token & { value?: unknown };

function tokensOf(source: string): ValuedToken[] | null {
  try {
    return [...tokenizer(source, OPTIONS)] as ValuedToken[];
  } catch {
    return null; // an unterminated string, say: the parser's own error below says where
  }
}

function habitCheck(source: string, tokens: readonly ValuedToken[], columns: readonly string[] | null): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as ValuedToken;
    const next = tokens[i + 1];
    const fail = (message: string, end = token.end): never => {
      throw new ExpressionError(message, token.start, end);
    };
    if (token.type === tokTypes.eq) fail('use `==` to compare (a single `=` assigns)');
    if (token.type === tokTypes.relational && token.value === '<' && next?.type === tokTypes.relational && next.value === '>' && next.start === token.end) {
      fail('write `!=` for “not equal” (`<>` is SQL)', next.end);
    }
    if (token.type === tokTypes.bitwiseAND) fail('write `&&` for “and” (a single `&` works on bits)');
    if (token.type === tokTypes.bitwiseOR) fail('write `||` for “or” (a single `|` works on bits)');
    if (token.type === tokTypes.bitwiseXOR) fail('write `**` for a power, e.g. x ** 2 (`^` works on bits in JavaScript)');
    if (token.type !== tokTypes.name || typeof token.value !== 'string' || columns?.includes(token.value)) continue;
    const word = token.value.toLowerCase();
    const operator = Object.hasOwn(SQL_OPERATORS, word) ? SQL_OPERATORS[word] : undefined;
    if (operator) fail(`write \`${operator}\` instead of \`${token.value}\` in expressions (JavaScript operators)`);
    const following = next?.type === tokTypes.name || next?.type === tokTypes._null ? String(next.value ?? 'null').toLowerCase() : '';
    // The operand before the SQL word, to show the replacement with the person's own column.
    const before = tokens[i - 1];
    const x =
      before && (before.type === tokTypes.name || before.type === tokTypes.template || before.type === tokTypes.backQuote)
        ? source.slice(before.type === tokTypes.backQuote && tokens[i - 3] ? (tokens[i - 3] as ValuedToken).start : before.start, before.end)
        : 'x';
    if (word === 'is' && following === 'null') fail(`write ${code(`${x} == null`)} instead of IS NULL`, next?.end);
    if (word === 'is' && following === 'not') fail(`write ${code(`${x} != null`)} instead of IS NOT NULL`, next?.end);
    if (word === 'like') fail(`write ${x}.includes("…"), ${x}.startsWith("…") or ${x}.endsWith("…") instead of LIKE`);
    if (word === 'between') fail(`write ${x} >= low && ${x} <= high instead of BETWEEN`);
  }
}

function syntaxError(source: string, error: unknown): ExpressionError {
  const at = typeof (error as { pos?: unknown }).pos === 'number' ? (error as { pos: number }).pos : source.length;
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unterminated string'))
    return new ExpressionError(`the text starting at \`${source.slice(at, at + 12)}\` has no closing quote`, at, source.length);
  if (message.startsWith('Unterminated template')) return new ExpressionError('a column name in backticks has no closing backtick', at, source.length);
  return new ExpressionError(`it is not a valid expression: ${describeAt(source, at)}`, at, Math.min(source.length, at + 1));
}

function describeAt(source: string, at: number): string {
  const before = source.slice(0, at).trimEnd();
  if (at >= source.trimEnd().length) return before ? `it ends after \`${tail(before)}\`, where more should follow` : 'it is empty';
  const found = source.slice(at).match(/^(\w+|\S)/)?.[0] ?? source[at];
  return before ? `\`${found}\` is unexpected after \`${tail(before)}\`` : `it cannot start with \`${found}\``;
}

function tail(text: string): string {
  return text.length > 24 ? `…${text.slice(-24)}` : text;
}

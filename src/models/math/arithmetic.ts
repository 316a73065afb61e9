/**
 * A small arithmetic evaluator for `math.formula`: numbers, named variables, + − × ÷ % ^,
 * parentheses and a few functions. Parsed by hand (precedence climbing) so no user text is
 * ever given to `eval`/`Function`.
 */

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  abs: Math.abs,
  sqrt: Math.sqrt,
  exp: Math.exp,
  ln: Math.log,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

type Token = { kind: 'num'; value: number; at: number } | { kind: 'name'; value: string; at: number } | { kind: 'op'; value: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/%^(),]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match)
      throw new Error(
        `unexpected character \`${text.slice(index).trim().charAt(0)}\` at position ${index + 1 + (text.slice(index).length - text.slice(index).trimStart().length)}`,
      );
    const at = index + (match[0].length - match[0].trimStart().length);
    if (match[1] !== undefined) tokens.push({ kind: 'num', value: Number(match[1]), at });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', value: match[2], at });
    else tokens.push({ kind: 'op', value: match[3] === '**' ? '^' : (match[3] as string), at });
    index = pattern.lastIndex;
  }
  return tokens;
}

const BINARY: Record<string, { precedence: number; right: boolean; apply: (a: number, b: number) => number }> = {
  '+': { precedence: 1, right: false, apply: (a, b) => a + b },
  '-': { precedence: 1, right: false, apply: (a, b) => a - b },
  '*': { precedence: 2, right: false, apply: (a, b) => a * b },
  '/': { precedence: 2, right: false, apply: (a, b) => a / b },
  '%': { precedence: 2, right: false, apply: (a, b) => a % b },
  '^': { precedence: 4, right: true, apply: (a, b) => a ** b },
};

/** Evaluates `expression` with `variables`; errors name the unknown variable or the bad position. */
export function evaluateArithmetic(expression: string, variables: Readonly<Record<string, number | undefined>>): number {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const where = () => {
    const token = peek();
    return token ? `at position ${token.at + 1}` : 'at the end';
  };

  function primary(): number {
    const token = tokens[position++];
    if (!token) throw new Error('the formula ends too early');
    if (token.kind === 'num') return token.value;
    if (token.kind === 'op') {
      if (token.value === '(') {
        const value = parse(0);
        expect(')');
        return value;
      }
      if (token.value === '-') return -parse(3);
      if (token.value === '+') return parse(3);
      throw new Error(`unexpected \`${token.value}\` at position ${token.at + 1}`);
    }
    // Own entries only: `toString` or `constructor` must not find Object's built-ins.
    const fn = Object.hasOwn(FUNCTIONS, token.value) ? FUNCTIONS[token.value] : undefined;
    if (fn && peek()?.value === '(') {
      position++;
      const args: number[] = [];
      if (peek()?.value !== ')') {
        args.push(parse(0));
        while (peek()?.value === ',') {
          position++;
          args.push(parse(0));
        }
      }
      expect(')');
      return fn(...args);
    }
    if (Object.prototype.hasOwnProperty.call(variables, token.value)) {
      const value = variables[token.value];
      if (value === undefined) throw new Error(`\`${token.value}\` is used in the formula but has no value: wire it or set it`);
      return value;
    }
    const constant = Object.hasOwn(CONSTANTS, token.value) ? CONSTANTS[token.value] : undefined;
    if (constant !== undefined) return constant;
    const names = Object.keys(variables);
    throw new Error(
      `unknown name \`${token.value}\` in the formula; use ${names.join(', ')}, constants pi and e, or functions ${Object.keys(FUNCTIONS).join(', ')}`,
    );
  }

  function expect(op: string): void {
    const token = tokens[position];
    if (!token || token.value !== op) throw new Error(`expected \`${op}\` ${where()}`);
    position++;
  }

  function parse(minPrecedence: number): number {
    let left = primary();
    for (;;) {
      const token = peek();
      if (!token || token.kind !== 'op') break;
      const op = BINARY[token.value];
      if (!op || op.precedence < minPrecedence) break;
      position++;
      const right = parse(op.right ? op.precedence : op.precedence + 1);
      left = op.apply(left, right);
    }
    return left;
  }

  if (!tokens.length) throw new Error('the formula is empty');
  const value = parse(0);
  if (position < tokens.length) throw new Error(`unexpected \`${String(tokens[position]?.value)}\` ${where()}`);
  return value;
}

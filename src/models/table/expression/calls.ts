/** Function and method calls: arity and argument kinds checked up front; an empty argument gives an empty result. */
import { type FunctionSpec, type MethodSpec, type ParamType, type Present } from './catalog';
import { RowError } from './errors';
import { constantPart, expecting, fail, fits, folded, kindOf, type Part, type Span } from './part';
import { describeType, parseIsoDate, type Evaluate, type Value } from './values';

function rowError(error: unknown, row: number, whole: Span): RowError {
  return error instanceof RowError ? error : new RowError(error instanceof Error ? error.message : String(error), row, whole.start, whole.end);
}

function checkArity(written: string, signature: string, params: readonly ParamType[], optional: number, variadic: boolean, count: number, whole: Span): void {
  const min = params.length - optional;
  const max = variadic ? Infinity : params.length;
  if (count >= min && count <= max) return;
  if (written.endsWith('round') && count === 2)
    fail(whole, `${written}(x) rounds to a whole number and takes one argument: for 2 decimals write ${written}(x * 100) / 100`);
  const wanted = variadic ? `at least ${min}` : min === max ? String(min) : `${min} to ${max}`;
  fail(whole, `\`${written}\` takes ${wanted} argument${wanted === '1' ? '' : 's'} (${signature}), not ${count}`);
}

/** An argument of kind `param`: ISO text written beside a date parameter becomes the date. */
function argument(part: Part, param: ParamType, written: string): { part: Part; evaluate: Evaluate } {
  if (param === 'date' && part.type === 'text' && part.constant) {
    const parsed = parseIsoDate(part.constant.value as string);
    if (!parsed.ok) fail(part, `${written} needs a date: ${parsed.reason}`);
    const date = constantPart('date', new Date(parsed.time), part);
    return { part: date, evaluate: date.evaluate };
  }
  if (!fits(part, param)) {
    const hint =
      param === 'number' && part.type === 'text'
        ? `: to read text as a number write Number(${part.text})`
        : param === 'date' && part.type === 'text'
          ? `: to read text as a date write date(${part.text})`
          : '';
    fail(part, `${written} needs ${describeType(param)} here, but ${kindOf(part)}${hint}`);
  }
  return { part, evaluate: param === 'any' ? part.evaluate : expecting(part, param, written) };
}

/** A call whose result is empty when any argument is; `apply` failing (e.g. bad date text) names the row. */
function applied(apply: (...args: Present[]) => Value, evaluators: readonly Evaluate[], whole: Span): Evaluate {
  const [a0, a1] = evaluators;
  if (evaluators.length === 1 && a0) {
    return (i) => {
      const a = a0(i);
      if (a === null) return null;
      try {
        return apply(a);
      } catch (error) {
        throw rowError(error, i, whole);
      }
    };
  }
  if (evaluators.length === 2 && a0 && a1) {
    return (i) => {
      const a = a0(i);
      if (a === null) return null;
      const b = a1(i);
      if (b === null) return null;
      try {
        return apply(a, b);
      } catch (error) {
        throw rowError(error, i, whole);
      }
    };
  }
  return (i) => {
    const values: Present[] = [];
    for (const evaluate of evaluators) {
      const value = evaluate(i);
      if (value === null) return null;
      values.push(value);
    }
    try {
      return apply(...values);
    } catch (error) {
      throw rowError(error, i, whole);
    }
  };
}

export function callFunction(spec: FunctionSpec, written: string, args: readonly Part[], whole: Span): Part {
  checkArity(written, spec.signature, spec.params, spec.optional ?? 0, spec.variadic ?? false, args.length, whole);
  if (spec.name === 'date' && args.length === 1 && args[0] && !fits(args[0], 'text') && !fits(args[0], 'date')) {
    fail(args[0], `date(…) needs ISO text such as "2023-02-01" (or a year, month and day), but ${kindOf(args[0])}`);
  }
  const checked = args.map((part, i) => {
    const param = spec.name === 'date' && args.length > 1 ? 'number' : (spec.params[Math.min(i, spec.params.length - 1)] as ParamType);
    return argument(part, param, `${written}(…)`);
  });
  const evaluate = applied(
    spec.apply,
    checked.map((arg) => arg.evaluate),
    whole,
  );
  return folded(
    { ...whole, type: spec.returns, evaluate },
    checked.map((arg) => arg.part),
  );
}

export function callMethod(spec: MethodSpec, receiver: Part, args: readonly Part[], whole: Span): Part {
  const written = spec.property ? `.${spec.name}` : `.${spec.name}()`;
  if (!fits(receiver, spec.receiver)) {
    const hint =
      spec.receiver === 'text' && receiver.type !== 'text'
        ? `: to use it as text write String(${receiver.text})${spec.property ? written : `.${spec.name}(…)`}`
        : '';
    fail(whole, `${written} works on ${describeType(spec.receiver)}, but ${kindOf(receiver)}${hint}`);
  }
  checkArity(spec.name, spec.signature, spec.params, spec.optional ?? 0, false, args.length, whole);
  const own = expecting(receiver, spec.receiver, `\`${written}\``);
  const checked = args.map((part, i) => argument(part, spec.params[i] as ParamType, `${receiver.text}.${spec.name}(…)`));
  const evaluate = applied(spec.apply, [own, ...checked.map((arg) => arg.evaluate)], whole);
  return folded({ ...whole, type: spec.returns, evaluate }, [receiver, ...checked.map((arg) => arg.part)]);
}

import { CancelledError, ImmutableStateError, MissingSlotError, StepError, errorMessage, type StepRef } from './errors';
import type { ModelDefinition, RunContext } from './model';
import { registry as defaultRegistry, type ModelRegistry, UnknownModelError } from './registry';
import type { StateLike } from './state';
import { decodeValue, describeUnstorable, encodeValue, findUnstorable, type JsonValue } from './values';

export interface StepJSON {
  id?: string;
  model: string;
  /** state name → model field */
  inputs: Record<string, string>;
  /** model output key → state name */
  outputs: Record<string, string>;
  params?: Record<string, JsonValue>;
  /** `false`: "always run" — never skipped, its extracts still written (for the UI) but never used. Absent means true; written only when false. */
  deterministic?: boolean;
  /** `true`: the step is bypassed — it does not run, and passes inputs through to outputs of the same port type (see `bypass.ts`). Written only when true. */
  bypassed?: boolean;
}

export interface StepOptions {
  id?: string;
  model: string | ModelDefinition;
  inputs?: Record<string, string>;
  outputs?: Record<string, string>;
  params?: Record<string, unknown>;
  /** `false` marks the step "always run" (see {@link StepJSON.deterministic}). Defaults to true. */
  deterministic?: boolean;
  /** `true` bypasses the step (see {@link StepJSON.bypassed}). Defaults to false. */
  bypassed?: boolean;
  registry?: ModelRegistry;
}

const ALL_DIGITS = /^\d+$/;
const NO_PROGRESS: RunContext['progress'] = () => {};
const NEVER_ABORTED = new AbortController().signal;

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** A name an object lists before the others (an array index) or does not hold as a key (`__proto__`). */
function isSpecialKey(name: string): boolean {
  if (name === '__proto__') return true;
  const first = name.charCodeAt(0);
  return first >= 48 && first <= 57 && ARRAY_INDEX.test(name) && Number(name) < 2 ** 32 - 1;
}

/** [state name, output key] as `Object.entries` of the step's state output lists them (the last key mapped to a name wins). */
function postPairsOf(outputPairs: [string, string][]): [string, string][] {
  const names = new Set<string>();
  for (const [, name] of outputPairs) if (!isSpecialKey(name)) names.add(name);
  // The usual case, in mapping order, without building an object keyed by state names (a new hidden class per step).
  if (names.size === outputPairs.length) return outputPairs.map(([key, name]) => [name, key]);
  const keyByName: Record<string, string> = {};
  for (const [key, name] of outputPairs) keyByName[name] = key;
  return Object.entries(keyByName);
}

/** Wires a model's fields to and from named state slots. */
export class Step {
  readonly id: string | undefined;
  readonly model: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, unknown>>;
  /** False: the person asked that this step always run, whatever its model says. */
  readonly deterministic: boolean;
  /** True: the step does not run; a run passes its inputs through where the port types match. */
  readonly bypassed: boolean;
  readonly registry: ModelRegistry;
  /** [state name, model field] pairs, in mapping order. */
  private readonly inputPairs: [string, string][];
  private readonly outputPairs: [string, string][];
  private readonly paramPairs: [string, unknown][];
  /** [state name, model output key]: the state output's entries, so a run posts without building one per step. */
  private readonly postPairs: [string, string][];
  /** The definition the mappings were last checked against (the registry may change). */
  private checkedAgainst: ModelDefinition | undefined;
  /** The definition given as `model`, when it was given as one (serialized as its id). */
  private readonly inlineDefinition: ModelDefinition | undefined;

  constructor(options: StepOptions) {
    if (options.id !== undefined) {
      if (typeof options.id !== 'string' || options.id.trim() === '') throw new Error('a step id must be a non-empty string');
      if (ALL_DIGITS.test(options.id)) throw new Error(`step id "${options.id}" is all digits; such names mean step indices, so choose another`);
    }
    this.id = options.id;
    this.registry = options.registry ?? defaultRegistry;
    if (typeof options.model === 'string') {
      this.model = options.model;
    } else {
      // Kept on the step rather than registered, so building a step never changes a registry.
      this.model = options.model.id;
      this.inlineDefinition = options.model;
    }
    this.inputs = { ...(options.inputs ?? {}) };
    this.outputs = { ...(options.outputs ?? {}) };
    this.params = { ...(options.params ?? {}) };
    this.deterministic = options.deterministic ?? true;
    this.bypassed = options.bypassed ?? false;
    this.inputPairs = Object.entries(this.inputs);
    this.outputPairs = Object.entries(this.outputs);
    this.paramPairs = Object.entries(this.params);
    this.postPairs = postPairsOf(this.outputPairs);

    const mapped = new Set<string>();
    for (const [slot, field] of this.inputPairs) {
      if (mapped.has(field)) throw new Error(`${this.label()}: model field "${field}" is mapped from two state slots`);
      mapped.add(field);
      if (field in this.params) throw new Error(`${this.label()}: field "${field}" is both mapped from state slot "${slot}" and given as a param`);
    }
    // Fields are checked against the model when it is known now; an unknown model is reported when the step runs.
    const definition = this.knownDefinition();
    if (definition) {
      this.checkFields(definition);
      this.checkedAgainst = definition;
    }
  }

  private label(): string {
    return `step${this.id === undefined ? '' : ` "${this.id}"`} (model ${this.model})`;
  }

  private checkFields(definition: ModelDefinition): void {
    for (const [slot, field] of this.inputPairs) {
      if (!(field in definition.inputs)) {
        throw new Error(
          `${this.label()}: state slot "${slot}" is mapped to field "${field}", which the model does not declare (fields: ${Object.keys(definition.inputs).join(', ')})`,
        );
      }
    }
    for (const field of Object.keys(this.params)) {
      if (!(field in definition.inputs))
        throw new Error(`${this.label()}: param "${field}" is not a field of the model (fields: ${Object.keys(definition.inputs).join(', ')})`);
    }
    for (const key of Object.keys(this.outputs)) {
      if (!(key in definition.outputs))
        throw new Error(`${this.label()}: output "${key}" is not an output of the model (outputs: ${Object.keys(definition.outputs).join(', ')})`);
    }
  }

  /** Resolves the model definition now, failing with a StepError naming an unknown id. */
  definition(index = -1): ModelDefinition {
    let definition: ModelDefinition;
    try {
      definition = this.inlineDefinition ?? this.registry.get(this.model);
    } catch (error) {
      if (error instanceof UnknownModelError) throw new StepError('unknown-model', this.ref(index), error.message, { subject: this.model });
      throw error;
    }
    if (definition !== this.checkedAgainst) {
      try {
        this.checkFields(definition);
      } catch (error) {
        throw new StepError('invalid-input', this.ref(index), (error as Error).message.replace(`${this.label()}: `, ''));
      }
      this.checkedAgainst = definition;
    }
    return definition;
  }

  /** The model definition when it is known now, without throwing. */
  knownDefinition(): ModelDefinition | undefined {
    return this.inlineDefinition ?? (this.registry.has(this.model) ? this.registry.get(this.model) : undefined);
  }

  ref(index: number): StepRef {
    return { index, id: this.id, model: this.model };
  }

  /** The model input this step would get from `state`: params plus every mapped slot. */
  buildInput(state: StateLike, index = -1): Record<string, unknown> {
    const input: Record<string, unknown> = {};
    for (const [field, value] of this.paramPairs) input[field] = value;
    for (const [slot, field] of this.inputPairs) {
      try {
        input[field] = state.extract(slot);
      } catch (error) {
        if (error instanceof MissingSlotError) {
          throw new StepError('missing-slot', this.ref(index), `needs state slot "${slot}" (for field "${field}"), but ${error.message}`, { subject: slot });
        }
        throw error;
      }
    }
    return input;
  }

  /** Validates `input` against the model's schema, naming the first failing field. */
  validateInput(definition: ModelDefinition, input: Record<string, unknown>, index = -1): Record<string, unknown> {
    const result = definition.inputSchema.safeParse(input);
    if (result.success) return result.data as Record<string, unknown>;
    const issue = result.error.issues[0];
    const field = issue?.path[0] === undefined ? '' : String(issue.path[0]);
    const where = issue && issue.path.length > 1 ? ` (at ${issue.path.join('.')})` : '';
    // A required field with nothing at all: in the editor, a wire that was deleted (or never drawn).
    if (field && issue?.path.length === 1 && input[field] === undefined)
      throw new StepError('invalid-input', this.ref(index), `input \`${field}\` is not connected and has no value: wire an output into it`, { subject: field });
    throw new StepError('invalid-input', this.ref(index), `field "${field}" is invalid: ${issue?.message ?? 'invalid input'}${where}`, { subject: field });
  }

  /**
   * Runs the model on a built input and returns its output, checked: every mapped key present
   * and every returned key valid against its schema. May return a promise only if the model does.
   */
  execute(
    definition: ModelDefinition,
    input: Record<string, unknown>,
    index = -1,
    ctx: RunContext = { signal: NEVER_ABORTED, progress: NO_PROGRESS },
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    const validated = this.validateInput(definition, input, index);
    let result: unknown;
    try {
      result = definition.run(validated, ctx);
    } catch (error) {
      throw this.wrapRunError(error, index, ctx.signal);
    }
    if (result instanceof Promise) {
      return result.then(
        (output) => this.checkOutput(definition, output, index),
        (error: unknown) => {
          throw this.wrapRunError(error, index, ctx.signal);
        },
      );
    }
    return this.checkOutput(definition, result, index);
  }

  private wrapRunError(error: unknown, index: number, signal: AbortSignal): StepError {
    if (error instanceof StepError) return error;
    if (signal.aborted || error instanceof CancelledError) return new StepError('cancelled', this.ref(index), 'cancelled', { cause: error });
    return new StepError('model-error', this.ref(index), errorMessage(error), { cause: error });
  }

  private checkOutput(definition: ModelDefinition, output: unknown, index: number): Record<string, unknown> {
    if (output === null || typeof output !== 'object' || Array.isArray(output)) {
      throw new StepError('invalid-output', this.ref(index), `run() must return an object of outputs, got ${output === null ? 'null' : typeof output}`);
    }
    const record = output as Record<string, unknown>;
    for (const [key] of this.outputPairs) {
      if (!(key in record)) {
        const got = Object.keys(record);
        throw new StepError(
          'missing-output',
          this.ref(index),
          `run() did not return output "${key}" (it returned: ${got.length ? got.join(', ') : 'nothing'})`,
          { subject: key },
        );
      }
    }
    for (const key of Object.keys(record)) {
      // The whole output is cached and compared on later runs, so what the codec cannot store fails here, named.
      const unstorable = findUnstorable(record[key]);
      if (unstorable) throw new StepError('invalid-output', this.ref(index), describeUnstorable(unstorable, `output "${key}"`, key), { subject: key });
      const schema = definition.outputs[key];
      if (!schema) continue;
      const result = schema.safeParse(record[key]);
      if (!result.success) {
        throw new StepError('invalid-output', this.ref(index), `output "${key}" is invalid: ${result.error.issues[0]?.message ?? 'invalid'}`, { subject: key });
      }
    }
    return record;
  }

  /** The {state name: value} this step posts for a model output. */
  stateOutput(modelOutput: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, slot] of this.outputPairs) out[slot] = modelOutput[key];
    return out;
  }

  /** True when the cached output holds every key this step maps. */
  coversOutputs(modelOutput: Record<string, unknown>): boolean {
    for (const [key] of this.outputPairs) if (!(key in modelOutput)) return false;
    return true;
  }

  /**
   * Posts a state output. All-or-nothing: on immutable state every name is checked before
   * anything is written. With `onlyMissing`, names the state already holds are left alone
   * (a skipped step on a rerun).
   */
  post(state: StateLike, stateOutput: Record<string, unknown>, index = -1, onlyMissing = false): void {
    const names = Object.keys(stateOutput);
    if (!onlyMissing && !state.mutable) for (const name of names) this.checkFree(state, name, index);
    for (const name of names) {
      if (onlyMissing && state.has(name)) continue;
      this.postOne(state, stateOutput[name], name, index);
    }
  }

  /**
   * Posts the state output of `modelOutput` as {@link post} would post `stateOutput(modelOutput)`,
   * without building that object: a run posts every step, and an object per step with its own
   * state name as key costs V8 a new hidden class each time.
   */
  postOutput(state: StateLike, modelOutput: Record<string, unknown>, index = -1, onlyMissing = false): void {
    if (!onlyMissing && !state.mutable) for (const [name] of this.postPairs) this.checkFree(state, name, index);
    for (const [name, key] of this.postPairs) {
      if (onlyMissing && state.has(name)) continue;
      this.postOne(state, modelOutput[key], name, index);
    }
  }

  private checkFree(state: StateLike, name: string, index: number): void {
    if (!state.has(name)) return;
    throw new StepError('immutable-post', this.ref(index), immutableRerunWords(name), { subject: name });
  }

  private postOne(state: StateLike, value: unknown, name: string, index: number): void {
    try {
      state.post(value, name);
    } catch (error) {
      if (error instanceof ImmutableStateError) throw new StepError('immutable-post', this.ref(index), immutableRerunWords(name), { subject: name });
      throw error;
    }
  }

  /** Runs this step alone against `state`: builds the input, runs the model, posts, returns the state output. */
  async run(state: StateLike, ctx?: RunContext): Promise<Record<string, unknown>> {
    const definition = this.definition();
    const input = this.buildInput(state);
    const output = await this.execute(definition, input, -1, ctx);
    const stateOutput = this.stateOutput(output);
    this.post(state, stateOutput);
    return stateOutput;
  }

  toJSON(): StepJSON {
    const json: StepJSON = { model: this.model, inputs: { ...this.inputs }, outputs: { ...this.outputs } };
    if (this.id !== undefined) json.id = this.id;
    if (this.paramPairs.length) json.params = encodeValue(this.params) as Record<string, JsonValue>;
    if (!this.deterministic) json.deterministic = false;
    if (this.bypassed) json.bypassed = true;
    return this.id === undefined ? json : { id: this.id, ...json };
  }

  static fromJSON(json: StepJSON, registry?: ModelRegistry): Step {
    const options: StepOptions = {
      model: json.model,
      inputs: json.inputs,
      outputs: json.outputs,
      params: json.params ? (decodeValue(json.params) as Record<string, unknown>) : {},
    };
    if (json.id !== undefined) options.id = json.id;
    if (json.deterministic === false) options.deterministic = false;
    if (json.bypassed === true) options.bypassed = true;
    if (registry) options.registry = registry;
    return new Step(options);
  }
}

/**
 * Why a step could not write its output, in words: the state already holds its slot (most often
 * a rerun after an edit, against the state the last run left) and is immutable — pyswark's rule: re-execution on a populated immutable state fails on the first
 * write; the way out is a fresh state or a mutable one.
 */
function immutableRerunWords(slot: string): string {
  return `the state already holds "${slot}" and is immutable, so this step's new value cannot replace it. A rerun replays against the state the last run left: start from a fresh state (Run), or make the state mutable so a step may replace "${slot}"`;
}

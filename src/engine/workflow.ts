import { applyBypass, cutOffInputs, passThroughOf } from './bypass';
import { EarlierExtracts, checkExtractsPerStep, type StepExtract } from './earlierExtracts';
import { CancelledError, StepError, describeStep } from './errors';
import type { ModelDefinition, RunContext } from './model';
import type { ModelRegistry } from './registry';
import type { StateLike } from './state';
import { Step, type StepJSON, type StepOptions } from './step';
import { stepKeyOf } from './stepKey';
import { decodeValue, encodeValue, valuesEqual, type JsonValue } from './values';

/** One cached value (a step's model input or output) with the model that made it. */
export interface CacheEntry {
  value: unknown;
  /** Model id and version that made the entry; null for seeds, which match any model (pyswark). */
  model: string | null;
  version: string | null;
  /** When it was written (ms since epoch), when known. */
  at?: number;
  /** 'imported': it came with an imported file and the person chose to use it (a skip on it says so). */
  origin?: 'imported';
}

export interface CacheEntryJSON {
  model: string | null;
  version: string | null;
  at?: number;
  value: JsonValue;
}

export interface WorkflowJSON {
  steps: StepJSON[];
  useExtracts: boolean;
  populateExtracts: boolean;
  modelInputs?: Record<string, CacheEntryJSON>;
  modelOutputs?: Record<string, CacheEntryJSON>;
}

export interface WorkflowOptions {
  steps?: (Step | StepJSON | StepOptions)[];
  /** Seeds keyed by step index (number or numeric string) or step id; raw values, unstamped. */
  modelInputs?: Record<string, unknown>;
  modelOutputs?: Record<string, unknown>;
  useExtracts?: boolean;
  populateExtracts?: boolean;
  /**
   * Cache entries kept per step, keyed by input (and model version); a step whose input equals any
   * of them is skipped. Default 1: pyswark's cache, one entry per step. Least recently used go first.
   */
  extractsPerStep?: number;
  registry?: ModelRegistry;
}

/** Why a step runs rather than being skipped. */
export type RunReason =
  | { kind: 'cache-off' }
  | { kind: 'no-cache' }
  | { kind: 'non-deterministic' }
  | { kind: 'always-run' }
  | { kind: 'model-changed'; from: string; to: string }
  | { kind: 'input-changed'; fields: string[] }
  | { kind: 'param-changed'; fields: string[] }
  | { kind: 'output-missing'; keys: string[] }
  | { kind: 'upstream'; slots: string[] }
  | { kind: 'missing-slot'; slot: string }
  | { kind: 'unknown-model' }
  /** The step is bypassed: it does not run; `passed` are the outputs it hands on from an input. */
  | { kind: 'bypassed'; passed: { field: string; output: string }[] }
  /** A slot the step reads was cut off by a bypassed step upstream, so it does not run. */
  | { kind: 'upstream-bypassed'; slots: string[] };

export type CacheDecision = { skip: true } | { skip: false; reason: RunReason };

/** A decision with the entry that decided it: `position` -1 is the current entry, else an earlier one. */
type Match = { skip: true; position: number; hit: StepExtract } | { skip: false; reason: RunReason };

/** 'bypassed': the step is bypassed; 'not-run': a bypass upstream cut off an input it needs. */
export type StepStatus = 'ran' | 'skipped' | 'bypassed' | 'not-run' | 'error' | 'cancelled';

export type WorkflowEvent =
  | { type: 'start'; index: number; key: string; total: number }
  | { type: 'progress'; index: number; key: string; fraction: number; message?: string }
  | {
      type: 'end';
      index: number;
      key: string;
      status: StepStatus;
      durationMs: number;
      /** Why it ran (status 'ran'); what it passed on (status 'bypassed'); which slot was cut off (status 'not-run'). */
      reason?: RunReason;
      /** Status 'ran': why its result was not cached, in the model's words (see `RunContext.doNotCache`). */
      uncached?: string;
      /** Status 'skipped': the cached output it used came with an imported file. */
      imported?: true;
      error?: StepError;
      /**
       * The step's entry that became its most recent one: written by this step (status 'ran'), or an
       * earlier entry it was skipped on (status 'skipped', with extractsPerStep > 1). Its other
       * entries are `extractsOf(key)`.
       */
      extracts?: StepExtract;
      /** What the step ran with and gave when it ran without writing them to the cache ("Update cache" off, or `uncached`). */
      values?: { input: CacheEntry; output: CacheEntry };
    };

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: (event: WorkflowEvent) => void;
  /** Run only these step indices (e.g. "run to here"); the others are left out entirely. */
  only?: ReadonlySet<number>;
  /** Clock for durations; defaults to performance.now. */
  now?: () => number;
  /** Where models read stored files from (see `RunContext.readFile`). */
  readFile?: (ref: string) => Promise<string>;
}

export interface PreviewEntry {
  index: number;
  key: string;
  decision: CacheDecision;
}

const ALL_DIGITS = /^\d+$/;
const defaultNow = () => performance.now();
const NO_PROGRESS: RunContext['progress'] = () => {};

/**
 * A step's progress callback for a listener. Made here, not in the run loop: a closure there over
 * the loop's own variables makes V8 allocate a context for them on every step, listened to or not.
 */
function progressReporter(onEvent: (event: WorkflowEvent) => void, index: number, key: string): RunContext['progress'] {
  return (fraction, message) => onEvent({ type: 'progress', index, key, fraction, ...(message === undefined ? {} : { message }) });
}

// The reasons a step runs that carry no detail, shared: a run asks for one per step.
const ALWAYS_RUN: Match = Object.freeze({ skip: false, reason: Object.freeze({ kind: 'always-run' }) });
const CACHE_OFF: Match = Object.freeze({ skip: false, reason: Object.freeze({ kind: 'cache-off' }) });
const NON_DETERMINISTIC: Match = Object.freeze({ skip: false, reason: Object.freeze({ kind: 'non-deterministic' }) });
const NO_CACHE = Object.freeze({ skip: false, reason: Object.freeze({ kind: 'no-cache' }) }) satisfies Match;

const duplicateStepId = (id: string) => new Error(`duplicate step id "${id}"`);

function toStep(step: Step | StepJSON | StepOptions, registry: ModelRegistry | undefined): Step {
  if (step instanceof Step) return step;
  if (typeof step.model !== 'string') return new Step(registry ? { ...(step as StepOptions), registry } : (step as StepOptions));
  return Step.fromJSON(step as StepJSON, registry);
}

/** An ordered list of steps with the extracts cache and its skip rule. */
export class Workflow {
  readonly steps: Step[] = [];
  useExtracts: boolean;
  populateExtracts: boolean;
  /** Step indices that ran / were skipped, accumulating across runs (never reset, as in pyswark). */
  readonly stepsRan: number[] = [];
  readonly stepsSkipped: number[] = [];
  /** Extracts by step key (its id, else its index as a string). */
  readonly modelInputs = new Map<string, CacheEntry>();
  readonly modelOutputs = new Map<string, CacheEntry>();
  readonly registry: ModelRegistry | undefined;
  /** Entries beyond the current one (none when extractsPerStep is 1). */
  private readonly earlier: EarlierExtracts;
  private perStep: number;

  constructor(options: WorkflowOptions = {}) {
    this.registry = options.registry;
    this.perStep = checkExtractsPerStep(options.extractsPerStep ?? 1);
    this.earlier = new EarlierExtracts(this.perStep - 1);
    // One pass with a set of ids: addStep's scan for a duplicate would make building quadratic in steps.
    const ids = new Set<string>();
    for (const step of options.steps ?? []) {
      const instance = toStep(step, this.registry);
      if (instance.id !== undefined) {
        if (ids.has(instance.id)) throw duplicateStepId(instance.id);
        ids.add(instance.id);
      }
      this.steps.push(instance);
    }
    this.useExtracts = options.useExtracts ?? true;
    this.populateExtracts = options.populateExtracts ?? true;
    this.seed(this.modelInputs, options.modelInputs);
    this.seed(this.modelOutputs, options.modelOutputs);
  }

  private seed(target: Map<string, CacheEntry>, seeds: Record<string, unknown> | undefined): void {
    if (!seeds) return;
    for (const [key, value] of Object.entries(seeds)) {
      target.set(this.normalizeKey(key), { value, model: null, version: null });
    }
  }

  /** A numeric key (index) names the step at that index, whose own key may be its id. */
  private normalizeKey(key: string): string {
    if (!ALL_DIGITS.test(key)) return key;
    const step = this.steps[Number(key)];
    return step ? this.keyOf(Number(key)) : key;
  }

  /** Cache entries kept per step (1: pyswark's behaviour); lowering it drops the least recently used. */
  get extractsPerStep(): number {
    return this.perStep;
  }

  set extractsPerStep(value: number) {
    this.perStep = checkExtractsPerStep(value);
    this.earlier.setLimit(value - 1);
  }

  addStep(step: Step | StepJSON | StepOptions): Step {
    const instance = toStep(step, this.registry);
    if (instance.id !== undefined && this.steps.some((other) => other.id === instance.id)) throw duplicateStepId(instance.id);
    this.steps.push(instance);
    return instance;
  }

  /** The cache key of step `index`: its id when it has one (so reordering keeps the cache), else its index. */
  keyOf(index: number): string {
    const step = this.steps[index];
    if (!step) throw new RangeError(`no step at index ${index} (the workflow has ${this.steps.length})`);
    return stepKeyOf(step, index);
  }

  /** Index of a step by index (number or numeric string) or id; -1 when there is none. */
  indexOf(ref: number | string): number {
    if (typeof ref === 'number') return ref >= 0 && ref < this.steps.length ? ref : -1;
    if (ALL_DIGITS.test(ref)) return this.indexOf(Number(ref));
    return this.steps.findIndex((step) => step.id === ref);
  }

  private requireIndex(ref: number | string): number {
    const index = this.indexOf(ref);
    if (index < 0) throw new RangeError(`no step "${ref}" in the workflow`);
    return index;
  }

  getModelInput(ref: number | string): unknown {
    return this.modelInputs.get(this.keyOf(this.requireIndex(ref)))?.value;
  }

  getModelOutput(ref: number | string): unknown {
    return this.modelOutputs.get(this.keyOf(this.requireIndex(ref)))?.value;
  }

  /** The model of step `ref` rebuilt from its cached input. */
  getModel(ref: number | string): { definition: ModelDefinition; input: Record<string, unknown>; run(ctx?: RunContext): Promise<Record<string, unknown>> } {
    const index = this.requireIndex(ref);
    const step = this.steps[index] as Step;
    const input = this.getModelInput(index) as Record<string, unknown> | undefined;
    if (input === undefined) throw new Error(`${describeStep(step.ref(index))} has no cached input yet`);
    const definition = step.definition(index);
    return { definition, input, run: async (ctx?: RunContext) => step.execute(definition, input, index, ctx) };
  }

  /** Drops the cached extracts of one step (by index or id), or of every step. */
  clearExtracts(ref?: number | string): void {
    if (ref === undefined) {
      this.modelInputs.clear();
      this.modelOutputs.clear();
      this.earlier.clear();
      return;
    }
    const key = this.keyOf(this.requireIndex(ref));
    this.modelInputs.delete(key);
    this.modelOutputs.delete(key);
    this.earlier.delete(key);
  }

  /** Every cache entry of step `ref`, most recently used first (the first is `modelInputs`/`modelOutputs`'). */
  extractsOf(ref: number | string): StepExtract[] {
    const key = this.keyOf(this.requireIndex(ref));
    const current = this.currentExtract(key);
    return current ? [current, ...this.earlier.of(key)] : [...this.earlier.of(key)];
  }

  /** Sets a step's cache entries by step key (a stored cache), most recently used first; beyond extractsPerStep they are dropped. */
  loadExtracts(key: string, entries: readonly StepExtract[]): void {
    const [current, ...rest] = entries;
    if (!current) return;
    this.modelInputs.set(key, current.input);
    this.modelOutputs.set(key, current.output);
    this.earlier.load(key, rest);
  }

  private currentExtract(key: string): StepExtract | null {
    const input = this.modelInputs.get(key);
    const output = this.modelOutputs.get(key);
    return input && output ? { input, output } : null;
  }

  /** Would step `index` be skipped for `input`? And if not, why it runs. */
  decide(index: number, definition: ModelDefinition, input: Record<string, unknown>): CacheDecision {
    const found = this.match(index, definition, input);
    return found.skip ? { skip: true } : found;
  }

  /**
   * The skip rule over every entry of the step: the current one first (its miss says why the step
   * runs), then the earlier ones. `position` is the earlier entry that matched (-1: the current one).
   */
  private match(index: number, definition: ModelDefinition, input: Record<string, unknown>, key = this.keyOf(index)): Match {
    const step = this.steps[index] as Step;
    if (!step.deterministic) return ALWAYS_RUN;
    if (!this.useExtracts) return CACHE_OFF;
    if (!definition.deterministic) return NON_DETERMINISTIC;
    const earlier = this.earlier.of(key);
    const input0 = this.modelInputs.get(key);
    const output0 = this.modelOutputs.get(key);
    // A step with no entry at all (every step of a first run): nothing to compare, nothing to allocate.
    if ((!input0 || !output0) && !earlier.length) return NO_CACHE;
    const current = input0 && output0 ? { input: input0, output: output0 } : null;
    const reason = current ? this.entryMiss(index, definition, input, current) : NO_CACHE.reason;
    if (current && reason === null) return { skip: true, position: -1, hit: current };
    const position = earlier.findIndex((entry) => this.entryMiss(index, definition, input, entry) === null);
    const hit = earlier[position];
    return hit ? { skip: true, position, hit } : { skip: false, reason: reason as RunReason };
  }

  /** Why one cache entry cannot stand in for running step `index` on `input` (null: it can). */
  private entryMiss(index: number, definition: ModelDefinition, input: Record<string, unknown>, entry: StepExtract): RunReason | null {
    for (const side of [entry.input, entry.output]) {
      if (side.model !== null && (side.model !== definition.id || side.version !== definition.version)) {
        return { kind: 'model-changed', from: `${side.model}@${side.version}`, to: `${definition.id}@${definition.version}` };
      }
    }
    if (!valuesEqual(entry.input.value, input)) return this.inputChange(index, entry.input.value, input);
    const step = this.steps[index] as Step;
    const output = entry.output.value as Record<string, unknown> | null;
    if (output === null || typeof output !== 'object' || !step.coversOutputs(output)) {
      const keys = Object.keys(step.outputs).filter((k) => !output || typeof output !== 'object' || !(k in output));
      return { kind: 'output-missing', keys };
    }
    return null;
  }

  private inputChange(index: number, cached: unknown, input: Record<string, unknown>): RunReason {
    const step = this.steps[index] as Step;
    const previous = cached !== null && typeof cached === 'object' ? (cached as Record<string, unknown>) : {};
    const fields = new Set([...Object.keys(previous), ...Object.keys(input)]);
    const changed = [...fields].filter((field) => !(field in previous) || !(field in input) || !valuesEqual(previous[field], input[field]));
    const params = changed.filter((field) => field in step.params);
    if (params.length && params.length === changed.length) return { kind: 'param-changed', fields: params };
    return { kind: 'input-changed', fields: changed };
  }

  /**
   * Runs every step in order against `state` and returns the last step's state output.
   * A step is skipped when the cache says so; the run stops at the first error, which names its step.
   */
  async run(state: StateLike, options: RunOptions = {}): Promise<Record<string, unknown>> {
    const { signal, onEvent, only } = options;
    const now = options.now ?? defaultNow;
    // What a model gets when the caller gives no signal: one that never aborts, made once per run
    // (an AbortController costs more than a trivial step), as the worker's signal is one per run.
    const modelSignal = signal ?? new AbortController().signal;
    // The returned state output is built once, from the last step's model output.
    let lastStep: Step | undefined;
    let lastOutput: Record<string, unknown> = {};
    const total = only ? only.size : this.steps.length;
    // Set by a model through ctx.doNotCache during its step; one function per run, not one per step.
    let uncached: string | undefined;
    const doNotCache = (reason: string) => {
      uncached = uncached === undefined || uncached === reason ? reason : `${uncached}; ${reason}`;
    };
    // State slots a bypassed step did not write (no input of the output's type): their readers do not run.
    const cutOff = new Set<string>();
    // What a model gets when no one listens for progress: one context for the whole run.
    const quietContext: RunContext = { signal: modelSignal, progress: NO_PROGRESS, doNotCache, ...(options.readFile ? { readFile: options.readFile } : {}) };
    for (let index = 0; index < this.steps.length; index++) {
      if (only && !only.has(index)) continue;
      const step = this.steps[index] as Step;
      const key = stepKeyOf(step, index);
      // Durations are reported only in events, so the clock is read only when someone listens.
      const started = onEvent ? now() : 0;
      onEvent?.({ type: 'start', index, key, total });
      try {
        if (signal?.aborted) throw new StepError('cancelled', step.ref(index), 'cancelled before it started');
        const cut = cutOffInputs(step, cutOff);
        if (step.bypassed || cut.length) {
          // Neither runs nor touches the cache; a bypass hands on what it can, the rest is cut off.
          let reason: RunReason;
          if (cut.length) {
            for (const slot of Object.values(step.outputs)) cutOff.add(slot);
            reason = { kind: 'upstream-bypassed', slots: [...cut] };
          } else {
            const passed = applyBypass(step, step.knownDefinition(), state, cutOff, index);
            reason = { kind: 'bypassed', passed: passed.map(({ field, output }) => ({ field, output })) };
          }
          const status = cut.length ? 'not-run' : 'bypassed';
          onEvent?.({ type: 'end', index, key, status, durationMs: now() - started, reason });
          continue;
        }
        const definition = step.definition(index);
        const input = step.buildInput(state, index);
        const decision = this.match(index, definition, input, key);
        if (decision.skip) {
          const cachedEntry = decision.hit.output;
          const cachedOutput = cachedEntry.value as Record<string, unknown>;
          step.postOutput(state, cachedOutput, index, true);
          // Skipped on an earlier input: that entry is the most recently used now.
          const promoted = decision.position >= 0 && this.populateExtracts ? this.promote(key, decision.position) : null;
          this.stepsSkipped.push(index);
          lastStep = step;
          lastOutput = cachedOutput;
          onEvent?.({
            type: 'end',
            index,
            key,
            status: 'skipped',
            durationMs: now() - started,
            ...(cachedEntry.origin === 'imported' ? { imported: true } : {}),
            ...(promoted ? { extracts: promoted } : {}),
          });
          continue;
        }
        uncached = undefined;
        const ctx: RunContext = onEvent ? { ...quietContext, progress: progressReporter(onEvent, index, key) } : quietContext;
        let output = step.execute(definition, input, index, ctx);
        if (output instanceof Promise) output = await (signal ? raceAbort(output, signal, step, index) : output);
        if (signal?.aborted) throw new StepError('cancelled', step.ref(index), 'cancelled');
        step.postOutput(state, output, index);
        let extracts: { input: CacheEntry; output: CacheEntry } | undefined;
        // Written together and only after success, so a failure never leaves half an entry; never
        // for a run whose model said its result depended on more than its input.
        if (this.populateExtracts && uncached === undefined) {
          const at = Date.now();
          const inputEntry: CacheEntry = { value: input, model: definition.id, version: definition.version, at };
          const outputEntry: CacheEntry = { value: output, model: definition.id, version: definition.version, at };
          const written = { input: inputEntry, output: outputEntry };
          if (this.earlier.keepsAny) this.earlier.retire(key, this.currentExtract(key), written);
          this.modelInputs.set(key, inputEntry);
          this.modelOutputs.set(key, outputEntry);
          if (onEvent) extracts = written;
        }
        this.stepsRan.push(index);
        lastStep = step;
        lastOutput = output;
        if (!onEvent) continue;
        // A listener shows what this run gave even when the cache keeps the older entry ("Update
        // cache" off, or the model kept this run out of it).
        const kept = extracts ? { extracts } : { values: ranWith(definition, input, output) };
        onEvent({
          type: 'end',
          index,
          key,
          status: 'ran',
          durationMs: now() - started,
          reason: decision.reason,
          ...kept,
          ...(uncached === undefined ? {} : { uncached }),
        });
      } catch (error) {
        const stepError =
          error instanceof StepError ? error : new StepError('model-error', step.ref(index), String((error as Error)?.message ?? error), { cause: error });
        onEvent?.({ type: 'end', index, key, status: stepError.kind === 'cancelled' ? 'cancelled' : 'error', durationMs: now() - started, error: stepError });
        throw stepError;
      }
    }
    return lastStep ? lastStep.stateOutput(lastOutput) : {};
  }

  /**
   * Predicts, without running anything, which steps a run against `state` would skip and why the
   * others would run: a step fed by a step that will run is reported as "upstream".
   */
  preview(state: StateLike): PreviewEntry[] {
    const known = new Map<string, unknown>();
    const willChange = new Set<string>();
    const entries: PreviewEntry[] = [];
    const cutOff = new Set<string>();
    this.steps.forEach((step, index) => {
      const key = this.keyOf(index);
      const produced = Object.values(step.outputs);
      const run = (reason: RunReason) => {
        for (const slot of produced) willChange.add(slot);
        entries.push({ index, key, decision: { skip: false, reason } });
      };
      const cut = cutOffInputs(step, cutOff);
      if (step.bypassed || cut.length) {
        const passes = cut.length ? [] : passThroughOf(step, step.knownDefinition()).filter((pass) => !cutOff.has(pass.from));
        const passedTo = new Set(passes.map((pass) => pass.to));
        for (const slot of produced) if (!passedTo.has(slot)) cutOff.add(slot);
        for (const pass of passes) {
          if (willChange.has(pass.from)) willChange.add(pass.to);
          else if (known.has(pass.from)) known.set(pass.to, known.get(pass.from));
          else if (state.has(pass.from)) known.set(pass.to, state.extract(pass.from));
          else cutOff.add(pass.to);
        }
        const passed = passes.map(({ field, output }) => ({ field, output }));
        entries.push({
          index,
          key,
          decision: { skip: false, reason: cut.length ? { kind: 'upstream-bypassed', slots: [...cut] } : { kind: 'bypassed', passed } },
        });
        return;
      }
      const upstream = Object.keys(step.inputs).filter((slot) => willChange.has(slot));
      if (upstream.length) return run({ kind: 'upstream', slots: upstream });
      const definition = step.knownDefinition();
      if (!definition) return run({ kind: 'unknown-model' });
      const input: Record<string, unknown> = { ...step.params };
      for (const [slot, field] of Object.entries(step.inputs)) {
        if (known.has(slot)) input[field] = known.get(slot);
        else if (state.has(slot)) input[field] = state.extract(slot);
        else return run({ kind: 'missing-slot', slot });
      }
      const decision = this.match(index, definition, input);
      if (!decision.skip) return run(decision.reason);
      const cached = decision.hit.output.value as Record<string, unknown>;
      for (const [outputKey, slot] of Object.entries(step.outputs)) {
        if (!known.has(slot) && !state.has(slot)) known.set(slot, cached[outputKey]);
      }
      entries.push({ index, key, decision: { skip: true } });
    });
    return entries;
  }

  /** Makes earlier entry `position` of step `key` its current one; the current one becomes the first earlier. */
  private promote(key: string, position: number): StepExtract {
    const hit = this.earlier.promote(key, position, this.currentExtract(key));
    this.modelInputs.set(key, hit.input);
    this.modelOutputs.set(key, hit.output);
    return hit;
  }

  /** Indices of step `ref` and every step it depends on through state slots, in order. */
  ancestorsOf(ref: number | string): Set<number> {
    const target = this.requireIndex(ref);
    const needed = new Set<number>([target]);
    const wanted = new Set(Object.keys((this.steps[target] as Step).inputs));
    for (let index = target - 1; index >= 0; index--) {
      const step = this.steps[index] as Step;
      if (!Object.values(step.outputs).some((slot) => wanted.has(slot))) continue;
      needed.add(index);
      for (const slot of Object.keys(step.inputs)) wanted.add(slot);
    }
    return needed;
  }

  toJSON(): WorkflowJSON {
    const encode = (map: Map<string, CacheEntry>) => {
      const out: Record<string, CacheEntryJSON> = {};
      for (const [key, entry] of map) {
        out[key] = { model: entry.model, version: entry.version, ...(entry.at === undefined ? {} : { at: entry.at }), value: encodeValue(entry.value) };
      }
      return out;
    };
    return {
      steps: this.steps.map((step) => step.toJSON()),
      useExtracts: this.useExtracts,
      populateExtracts: this.populateExtracts,
      modelInputs: encode(this.modelInputs),
      modelOutputs: encode(this.modelOutputs),
    };
  }

  static fromJSON(json: WorkflowJSON, registry?: ModelRegistry): Workflow {
    const workflow = new Workflow({
      steps: json.steps.map((step) => Step.fromJSON(step, registry)),
      useExtracts: json.useExtracts ?? true,
      populateExtracts: json.populateExtracts ?? true,
      ...(registry ? { registry } : {}),
    });
    const decode = (source: Record<string, CacheEntryJSON> | undefined, target: Map<string, CacheEntry>) => {
      for (const [key, entry] of Object.entries(source ?? {})) {
        const extract: CacheEntry = { value: decodeValue(entry.value), model: entry.model ?? null, version: entry.version ?? null };
        if (entry.at !== undefined) extract.at = entry.at;
        target.set(workflow.normalizeKey(key), extract);
      }
    };
    decode(json.modelInputs, workflow.modelInputs);
    decode(json.modelOutputs, workflow.modelOutputs);
    return workflow;
  }
}

/** A step's input and output of one run, stamped like cache entries (but not written to the cache). */
function ranWith(definition: ModelDefinition, input: Record<string, unknown>, output: Record<string, unknown>): { input: CacheEntry; output: CacheEntry } {
  const at = Date.now();
  return {
    input: { value: input, model: definition.id, version: definition.version, at },
    output: { value: output, model: definition.id, version: definition.version, at },
  };
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (a model that ignores its signal). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, step: Step, index: number): Promise<T> {
  if (signal.aborted) return Promise.reject(new StepError('cancelled', step.ref(index), 'cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StepError('cancelled', step.ref(index), 'cancelled', { cause: new CancelledError() }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

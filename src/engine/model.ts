import { z } from 'zod';

/** What a model's `run()` receives beside its input. */
export interface RunContext {
  /** Aborted when the run is cancelled; long-running models should check it. */
  signal: AbortSignal;
  /** Reports the model's own progress, 0..1, with an optional message. */
  progress(fraction: number, message?: string): void;
  /**
   * Says that this run's result must not be cached: it depended on something outside its input
   * (the clock, a random source). `reason` is in words, e.g. "read Math.random()". The step's
   * output is posted as usual, but no extract is written, so the next run runs it again. Present
   * when a workflow runs the step (a lone `Step.run` caches nothing); models call it as `ctx.doNotCache?.(…)`.
   */
  doNotCache?(reason: string): void;
  /**
   * The text of a stored file by its content ref (a file a person loaded, kept once in the
   * host's value store rather than in the params). Present when the host can reach a store (the run
   * worker, `swark run`); rejects when the file's bytes are gone.
   */
  readFile?(ref: string): Promise<string>;
}

export type FieldSchemas = Record<string, z.ZodType>;
export type InferFields<S extends FieldSchemas> = { [K in keyof S]: z.output<S[K]> };

export interface ModelSpec<I extends FieldSchemas, O extends FieldSchemas> {
  id: string;
  /** Part of the cache key: bump it whenever the model's behaviour changes. Defaults to '1'. */
  version?: string;
  /** A non-deterministic model (random numbers, the clock) is never skipped. Defaults to true. */
  deterministic?: boolean;
  title?: string;
  description?: string;
  category?: string;
  inputs: I;
  outputs: O;
  run(input: InferFields<I>, ctx: RunContext): Partial<InferFields<O>> | Promise<Partial<InferFields<O>>>;
}

export interface ModelDefinition<I extends FieldSchemas = FieldSchemas, O extends FieldSchemas = FieldSchemas> {
  readonly id: string;
  readonly version: string;
  readonly deterministic: boolean;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly inputs: I;
  readonly outputs: O;
  /** The object schema of the whole input, built once. */
  readonly inputSchema: z.ZodObject<I>;
  /** Output schemas are checked per returned key; missing keys are reported by the step. */
  readonly run: ModelSpec<I, O>['run'];
}

/** Defines a model: a validated function from named input fields to named outputs. */
export function defineModel<I extends FieldSchemas, O extends FieldSchemas>(spec: ModelSpec<I, O>): ModelDefinition<I, O> {
  if (!spec.id || typeof spec.id !== 'string') throw new Error('defineModel: a model needs a non-empty string id');
  return Object.freeze({
    id: spec.id,
    version: spec.version ?? '1',
    deterministic: spec.deterministic ?? true,
    title: spec.title ?? spec.id,
    description: spec.description ?? '',
    category: spec.category ?? 'other',
    inputs: spec.inputs,
    outputs: spec.outputs,
    inputSchema: z.object(spec.inputs),
    run: spec.run,
  });
}

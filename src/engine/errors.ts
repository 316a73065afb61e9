/** Why a step failed, as a stable code for UIs and tests. */
export type StepErrorKind =
  | 'missing-slot'
  | 'invalid-input'
  | 'unknown-model'
  | 'missing-output'
  | 'invalid-output'
  | 'immutable-post'
  | 'model-error'
  | 'cancelled';

export interface StepRef {
  index: number;
  id: string | undefined;
  model: string;
}

/** Any failure of a step: names the step (index, id, model id) and what is wrong. */
export class StepError extends Error {
  readonly kind: StepErrorKind;
  readonly step: StepRef;
  /** The state slot, model field or output key concerned, when there is one. */
  readonly subject: string | undefined;

  constructor(kind: StepErrorKind, step: StepRef, detail: string, options: { subject?: string; cause?: unknown } = {}) {
    super(`${describeStep(step)}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StepError';
    this.kind = kind;
    this.step = step;
    this.subject = options.subject;
  }

  /** The message without the step prefix. */
  get detail(): string {
    return this.message.slice(describeStep(this.step).length + 2);
  }
}

export function describeStep(step: StepRef): string {
  const id = step.id === undefined ? '' : ` "${step.id}"`;
  return `step ${step.index}${id} (model ${step.model})`;
}

/** Posting to a slot an immutable state already holds. */
export class ImmutableStateError extends Error {
  constructor(readonly slot: string) {
    super(`state slot "${slot}" already exists and the state is immutable`);
    this.name = 'ImmutableStateError';
  }
}

export class MissingSlotError extends Error {
  constructor(
    readonly slot: string,
    available: string[],
  ) {
    const names = available.length ? `; the state holds: ${available.slice(0, 20).join(', ')}` : '; the state is empty';
    super(`state slot "${slot}" does not exist${names}`);
    this.name = 'MissingSlotError';
  }
}

/** A run stopped by its AbortSignal. */
export class CancelledError extends Error {
  constructor(message = 'the run was cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

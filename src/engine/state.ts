import { ImmutableStateError, MissingSlotError } from './errors';
import { decodeValue, encodeValue, type JsonValue } from './values';

/** What steps need of a state: pyswark's `Interface`. */
export interface StateLike {
  readonly mutable: boolean;
  extract(name: string): unknown;
  /** pyswark's argument order: data first. Throws on an existing name unless mutable. */
  post(data: unknown, name: string): void;
  delete(name: string): void;
  has(name: string): boolean;
  names(): string[];
  toJSON(): StateJSON;
}

export interface StateOptions {
  /** Allow posting over an existing name. Defaults to false (immutable). */
  mutable?: boolean;
}

export interface StateJSON {
  mutable: boolean;
  values: Record<string, JsonValue>;
}

/** An in-memory named key-value store. Holds references: values are never copied. */
export class State implements StateLike {
  readonly mutable: boolean;
  protected readonly values = new Map<string, unknown>();

  constructor(initial?: Record<string, unknown> | null, options: StateOptions = {}) {
    this.mutable = options.mutable ?? false;
    if (initial) for (const [name, value] of Object.entries(initial)) this.values.set(name, value);
  }

  extract(name: string): unknown {
    if (!this.values.has(name)) throw new MissingSlotError(name, this.names());
    return this.values.get(name);
  }

  post(data: unknown, name: string): void {
    if (!this.mutable && this.values.has(name)) throw new ImmutableStateError(name);
    this.values.set(name, data);
  }

  /** Allowed on immutable state too, as in pyswark. */
  delete(name: string): void {
    this.values.delete(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  toObject(): Record<string, unknown> {
    return Object.fromEntries(this.values);
  }

  toJSON(): StateJSON {
    const values: Record<string, JsonValue> = {};
    for (const [name, value] of this.values) values[name] = encodeValue(value);
    return { mutable: this.mutable, values };
  }

  static fromJSON(json: StateJSON): State {
    const initial: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(json.values ?? {})) initial[name] = decodeValue(value);
    return new State(initial, { mutable: json.mutable });
  }
}

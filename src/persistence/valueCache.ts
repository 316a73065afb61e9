/**
 * A workspace database's values in and out of its {@link ValueStore}: encoded and stored once by
 * content, decoded once however often they are read.
 */
import { decodeValue, encodeValue, type JsonValue } from '../engine';
import { valueRef, type ValueStore } from './values';

export class ValueCache {
  /** Decoded values by ref. */
  private readonly decoded = new Map<string, unknown>();

  constructor(private readonly store: ValueStore) {}

  /** Stores a value once by content and returns its ref. */
  storeValue(value: unknown): string {
    const ref = this.storeJson(encodeValue(value));
    this.decoded.set(ref, value);
    return ref;
  }

  /** Stores an already codec-encoded value and returns its ref. */
  storeJson(encoded: JsonValue): string {
    const json = JSON.stringify(encoded);
    const ref = valueRef(json);
    this.store.put(ref, json);
    return ref;
  }

  async value(ref: string): Promise<unknown> {
    if (this.decoded.has(ref)) return this.decoded.get(ref);
    const value = decodeValue(JSON.parse(await this.store.get(ref)));
    this.decoded.set(ref, value);
    return value;
  }

  /** The value codec-encoded, from the decoded copy when there is one (no read, no parse of the text). */
  async encoded(ref: string): Promise<JsonValue> {
    return this.decoded.has(ref) ? encodeValue(this.decoded.get(ref)) : (JSON.parse(await this.store.get(ref)) as JsonValue);
  }

  /** No decoded value is held (so none can be forgotten). */
  isEmpty(): boolean {
    return this.decoded.size === 0;
  }

  /** Forgets decoded values the database no longer refers to. */
  keepOnly(live: ReadonlySet<string>): void {
    for (const ref of [...this.decoded.keys()]) if (!live.has(ref)) this.decoded.delete(ref);
  }
}

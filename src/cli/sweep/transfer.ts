/**
 * Cache entries on their way between the main thread and a sweep thread, each sent once: a thread
 * keeps what it was sent (a loaded table is large, and every state reads it), so a later job names
 * an entry the thread already holds by its id instead of encoding it again. Ids are the main
 * thread's; an entry a thread made travels whole and gets its id on arrival.
 */
import type { StepExtract } from '../../engine';
import { decodeExtracts, encodeExtracts, type EncodedExtract } from './job';

export type WireExtract = (EncodedExtract & { id?: number }) | { known: number };
export type WireCache = Record<string, WireExtract[]>;

export class ExtractIds {
  private next = 1;
  private readonly ids = new WeakMap<object, number>();
  private readonly byId = new Map<number, StepExtract>();

  /** The entry's id, if it has one (keyed by its input entry, which a step keeps as is). */
  idOf(extract: StepExtract): number | undefined {
    return this.ids.get(extract.input);
  }

  private remember(extract: StepExtract, id: number): void {
    this.ids.set(extract.input, id);
    this.byId.set(id, extract);
  }

  /** Encodes `entries` for a peer: those it holds (`held`) by id, the rest whole, with an id when they have one. */
  send(entries: readonly StepExtract[], held: (id: number) => boolean, assign: boolean): WireExtract[] {
    return entries.map((extract) => {
      let id = this.idOf(extract);
      if (id === undefined && assign) this.remember(extract, (id = this.next++));
      if (id !== undefined && held(id)) return { known: id };
      const [encoded] = encodeExtracts([extract]) as [EncodedExtract];
      return id === undefined ? encoded : { ...encoded, id };
    });
  }

  /** Decodes a peer's entries; those sent by id must be held here. New ones get an id when `assign`. */
  receive(entries: readonly WireExtract[], assign: boolean): StepExtract[] {
    return entries.map((wire) => {
      if ('known' in wire) {
        const held = this.byId.get(wire.known);
        if (!held) throw new Error(`cache entry ${wire.known} was named but never sent`);
        return held;
      }
      const [extract] = decodeExtracts([wire]) as [StepExtract];
      const id = wire.id ?? (assign ? this.next++ : undefined);
      if (id !== undefined) this.remember(extract, id);
      return extract;
    });
  }
}

/**
 * The stored values the re-encoding of tables (`tableFormat.ts`, loaded when it runs) renamed this
 * session, kept by the workspace to translate what a run worker reports.
 */
import type { LastStateRefs, StoredExtractRef } from './types';

/** A stored value renamed by the re-encoding: its new ref, and for an input its new hash. */
export interface Renamed {
  ref: string;
  inputHash: string;
}

/**
 * The renames the re-encoding made this session, old ref to new: a run worker that loaded its
 * cache before still reports the old refs and input hashes, which are taken as the new ones.
 */
export class TableRenames {
  private readonly refs = new Map<string, string>();
  private readonly hashes = new Map<string, string>();

  add(oldRef: string, renamed: Renamed, oldInputHash?: string): void {
    this.refs.set(oldRef, renamed.ref);
    if (oldInputHash !== undefined) this.hashes.set(oldInputHash, renamed.inputHash);
  }

  get size(): number {
    return this.refs.size;
  }

  ref(ref: string): string {
    return this.refs.get(ref) ?? ref;
  }

  extracts(extracts: StoredExtractRef[]): StoredExtractRef[] {
    if (!this.refs.size) return extracts;
    return extracts.map((entry) => ({
      ...entry,
      inputHash: this.hashes.get(entry.inputHash) ?? entry.inputHash,
      input: { ...entry.input, ref: this.ref(entry.input.ref) },
      output: { ...entry.output, ref: this.ref(entry.output.ref) },
    }));
  }

  lastState(state: LastStateRefs): LastStateRefs {
    if (!this.refs.size) return state;
    return { ...state, slots: state.slots.map((slot) => ({ ...slot, ref: this.ref(slot.ref) })) };
  }
}

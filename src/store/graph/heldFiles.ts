/** The stored files graph snapshots refer to: what undo history holds that no saved workflow may. */
import { storedFilesIn } from '../../engine';
import type { GraphSnapshot } from './types';

/** One per store: snapshots share their unchanged nodes and states, so each object is scanned once however many hold it. */
export class HeldFiles {
  private readonly scanned = new WeakMap<object, readonly string[]>();

  in(snapshots: Iterable<GraphSnapshot>): Set<string> {
    const held = new Set<string>();
    for (const snapshot of snapshots) {
      for (const node of snapshot.nodes) for (const hash of this.filesOf(node.data)) held.add(hash);
      for (const hash of this.filesOf(snapshot.state)) held.add(hash);
      for (const hash of this.filesOf(snapshot.savedStates)) held.add(hash);
    }
    return held;
  }

  private filesOf(part: object): readonly string[] {
    let hashes = this.scanned.get(part);
    if (!hashes) {
      hashes = [...storedFilesIn([part]).keys()];
      this.scanned.set(part, hashes);
    }
    return hashes;
  }
}

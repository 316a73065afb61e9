/** How a workspace is set up: its storage, timings and hooks; every default is the browser's. */
import type { KeyValueBackend } from './keyValue';
import type { Migration } from './schema';
import type { StorageInfo } from './storageInfo';
import type { TabCoordinator } from './tabs';
import type { WebStorageArea } from './journal';

export interface WorkspaceOptions {
  /** Snapshots and the pointer. Default: IndexedDB `swark-workspace`. */
  meta?: KeyValueBackend;
  /** Big values by ref. Default: IndexedDB `swark-workspace-values`. */
  values?: KeyValueBackend;
  /** Who among the tabs writes. Default: a Web Lock (the sole writer where there are none). */
  tabs?: TabCoordinator;
  /** Storage figures and persistence. Default: `navigator.storage`; null: none. */
  storage?: StorageInfo | null;
  /** How long opening IndexedDB may take before the workspace falls back to memory. */
  openTimeoutMs?: number;
  /** How long one storage step of a save may take before the save counts as stuck (default 10 s, more for big writes). */
  saveStepTimeoutMs?: number;
  /** Whether the person has used the page yet; persistent storage is asked after their first edit. Default: `navigator.userActivation`. */
  personInteracted?: () => boolean;
  /** How long reading the stored workspace may take (default 30 s) before the recovery screen says storage stopped answering. */
  readTimeoutMs?: number;
  /** How long after an edit the autosave saves (default 250 ms). */
  autosaveDelayMs?: number;
  migrations?: readonly Migration[];
  now?: () => number;
  /** How long a save waits for a worker's announced value writes (default 5 s). */
  awaitValuesMs?: number;
  /** Where the edit journal and the "a workspace existed" marker live. Default: localStorage; null: nowhere. */
  webStorage?: WebStorageArea | null;
  /** Registers page-lifecycle hooks (hidden, pagehide) that must save now; returns an unregister. */
  onPageLeave?: (saveNow: () => void) => () => void;
  /**
   * When the fast value hash (xxhash, wasm) loads. Default: the load awaits it. The browser passes
   * its after-paint moment: the editor does not hash a value to draw itself, and a ref made before
   * then uses the engine's pure-JS hash, as valid (`values.ts`).
   */
  valueHashingWhen?: Promise<unknown>;
}

/**
 * What the workspace keeps in Web Storage, outside IndexedDB: the marker that a workspace was saved
 * in this browser (so a load that finds IndexedDB empty can tell "evicted" from "first visit").
 * The one module allowed Web Storage (eslint.config.js); everything else goes through it.
 */

/** The synchronous key-value store this module writes (localStorage in the browser; injected in tests). */
export interface WebStorageArea {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page's localStorage, or null where there is none or it is refused (Node, a sandboxed frame, blocked cookies). */
export function browserWebStorage(): WebStorageArea | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const EXISTED_KEY = 'swark-workspace-existed';

/** Records that a workspace has been saved in this browser. Best effort: a full or refused storage only loses the marker. */
export function markWorkspaceExists(storage: WebStorageArea | null = browserWebStorage()): void {
  try {
    if (storage && storage.getItem(EXISTED_KEY) === null) storage.setItem(EXISTED_KEY, new Date().toISOString());
  } catch {
    // Nothing to do: the marker only improves a message.
  }
}

/** True when {@link markWorkspaceExists} ran in this browser before (and the browser kept Web Storage). */
export function workspaceExisted(storage: WebStorageArea | null = browserWebStorage()): boolean {
  try {
    return storage?.getItem(EXISTED_KEY) != null;
  } catch {
    return false;
  }
}

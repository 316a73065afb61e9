/** How much browser storage the workspace uses, and whether the browser keeps it under storage pressure. */
import type { WorkspaceStatus } from './types';

/** The parts of `navigator.storage` the workspace reads (injected in tests). */
export interface StorageInfo {
  /** Asks the browser to keep the storage (Firefox may ask the person; Chromium decides by itself). */
  persist?(): Promise<boolean>;
  /** Whether it is kept, without asking. */
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

export type StorageFigures = Pick<WorkspaceStatus, 'persisted' | 'usageBytes' | 'quotaBytes'>;

/** Estimates are cheap but not free: after a save, at most one per this interval. */
const ESTIMATE_INTERVAL_MS = 3000;

export class StorageEstimates {
  private lastEstimateAt = 0;
  private askedToKeep = false;

  /**
   * `storage`: undefined means the browser's own (`navigator.storage`), null none. `interacted`:
   * whether the person has used the page yet (undefined: ask the browser). An edit before that is
   * the app's own, e.g. the blank workflow of a new workspace, and asking then would prompt in
   * Firefox as the page opens.
   */
  constructor(
    private readonly storage: () => StorageInfo | null | undefined,
    private readonly interacted: () => (() => boolean) | undefined = () => undefined,
  ) {}

  /**
   * Fresh figures, or null when there is nothing new (no storage API, asked too recently, or it
   * failed: the figures are a nicety whose absence changes nothing else).
   */
  async read(force: boolean): Promise<StorageFigures | null> {
    const storage = this.resolve();
    if (!storage) return null;
    const now = Date.now();
    if (!force && now - this.lastEstimateAt < ESTIMATE_INTERVAL_MS) return null;
    this.lastEstimateAt = now;
    try {
      const persisted = storage.persisted ? await storage.persisted() : null;
      const estimate = storage.estimate ? await storage.estimate() : {};
      return { persisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null };
    } catch {
      return null;
    }
  }

  /**
   * After an edit: asks the browser once to keep the workspace's storage, the first time the edit
   * is the person's. The answer, or null when not asked now (asked before, not the person's yet, no API).
   */
  async askToKeepAfterEdit(): Promise<boolean | null> {
    if (this.askedToKeep || !(this.interacted() ?? personHasInteracted)()) return null;
    const storage = this.resolve();
    if (!storage?.persist) return null;
    this.askedToKeep = true;
    try {
      return await storage.persist();
    } catch {
      return null;
    }
  }

  private resolve(): StorageInfo | null {
    const given = this.storage();
    return given === undefined ? browserStorage() : given;
  }
}

function browserStorage(): StorageInfo | null {
  if (typeof navigator === 'undefined' || !navigator.storage) return null;
  return navigator.storage;
}

/** True once the person has clicked or typed in the page; true where the browser cannot tell. */
function personHasInteracted(): boolean {
  if (typeof navigator === 'undefined') return true;
  return navigator.userActivation?.hasBeenActive ?? true;
}

/** The footer's words for whether the browser keeps the storage, and what that means. */
export function keptText(persisted: boolean): { label: string; explanation: string } {
  return persisted
    ? {
        label: 'Storage: kept',
        explanation: 'The browser has agreed to keep this workspace: it will not clear it to free space. Clearing this site’s data yourself still removes it.',
      }
    : {
        label: 'Storage: may be cleared by the browser',
        explanation:
          'The browser has not agreed to keep this workspace: it may clear it when the disk runs low or the site goes unused for a long time. Export a backup to keep a copy.',
      };
}

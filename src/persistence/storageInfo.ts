/** How much browser storage the workspace uses, and whether it is kept under storage pressure. */
import type { WorkspaceStatus } from './types';

/** The parts of `navigator.storage` the workspace reads (injected in tests). */
export interface StorageInfo {
  persist?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

export type StorageFigures = Pick<WorkspaceStatus, 'persisted' | 'usageBytes' | 'quotaBytes'>;

/** Estimates are cheap but not free: after a save, at most one per this interval. */
const ESTIMATE_INTERVAL_MS = 3000;

export class StorageEstimates {
  private lastEstimateAt = 0;

  /** `storage`: undefined means the browser's own (`navigator.storage`), null none. */
  constructor(private readonly storage: () => StorageInfo | null | undefined) {}

  /**
   * Fresh figures, or null when there is nothing new (no storage API, asked too recently, or it
   * failed: the figures are a nicety whose absence changes nothing else). `askPersist` asks the
   * browser to keep the workspace under storage pressure (once, at load).
   */
  async read(askPersist: boolean, persisted: boolean): Promise<StorageFigures | null> {
    const given = this.storage();
    const storage = given === undefined ? browserStorage() : given;
    if (!storage) return null;
    const now = Date.now();
    if (!askPersist && now - this.lastEstimateAt < ESTIMATE_INTERVAL_MS) return null;
    this.lastEstimateAt = now;
    try {
      const kept = askPersist && storage.persist ? await storage.persist() : persisted;
      const estimate = storage.estimate ? await storage.estimate() : {};
      return { persisted: kept, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null };
    } catch {
      return null;
    }
  }
}

function browserStorage(): StorageInfo | null {
  if (typeof navigator === 'undefined' || !navigator.storage) return null;
  return navigator.storage;
}

/** Recognising storage faults by every browser's name for them, and saying what to do in words. */
import type { ReadOnlyReason } from './types';

/** Quota exceeded: Chromium/WebKit `QuotaExceededError` (code 22), Firefox `NS_ERROR_DOM_QUOTA_ERR` (code 1014). */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_ERR') return true;
  if (code === 22 || code === 1014) return true;
  if (typeof message === 'string' && /quota/i.test(message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isQuotaError(cause);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'name' in error) return String((error as { name: unknown }).name);
  return String(error);
}

export const NOTICES = {
  quota:
    'Storage is full: your latest changes are kept in this tab but not saved. Clear cached extracts (run panel → Clear cache) or export a backup; saving is retried automatically.',
  memoryOnly:
    'Browser storage is unavailable (private browsing or blocked): the app works, but nothing will be kept when this tab closes. Export a backup to keep your work.',
  otherTab: 'This workspace is open in another tab, which is the one saving it. This tab is read-only: choose "Take over here" to edit here.',
  newerTab: 'A newer version of Swark Studio is open in another tab, so this tab has stopped saving. Reload this tab to get the newer version.',
  newerWorkspace:
    'This workspace was saved by a newer version of Swark Studio, so it is open read-only to keep it intact. Reload the page to get the newer version.',
  migrationFailed: 'The stored workspace could not be upgraded; it is left unchanged and this tab is read-only.',
} as const;

export function readOnlyNotice(reason: ReadOnlyReason): string {
  switch (reason) {
    case 'other-tab':
      return NOTICES.otherTab;
    case 'newer-tab':
      return NOTICES.newerTab;
    case 'newer-workspace':
      return NOTICES.newerWorkspace;
    case 'migration-failed':
      return NOTICES.migrationFailed;
  }
}

export function saveFailedNotice(error: unknown): string {
  return `Saving failed (${describeError(error)}): your changes are kept in this tab and saving will be retried. Export a backup if this persists.`;
}

export function recoveredNotice(savedAt: number | null, reason: string): string {
  const when = savedAt === null ? 'an earlier save' : `the save of ${new Date(savedAt).toLocaleString()}`;
  return `The latest save could not be read (${reason}); the workspace was restored from ${when}. The most recent changes may be missing.`;
}

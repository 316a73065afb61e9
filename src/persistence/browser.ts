/** Browser wiring of the workspace: page-lifecycle saves. */
import type { WorkspaceOptions } from './options';

/** Saves when the page is hidden or left: the last chance before a tab is closed or frozen. */
function onPageLeave(saveNow: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') saveNow();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', saveNow);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', saveNow);
  };
}

export async function browserWorkspaceOptions(): Promise<WorkspaceOptions> {
  const { installBrowserSqlJs } = await import('./sqlJsBrowser');
  installBrowserSqlJs();
  return { onPageLeave };
}

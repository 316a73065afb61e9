/** Run, Rerun, Cancel and the cache toggles, shown in the toolbar. PLACEHOLDER until the run work lands. */
export function RunToolbar() {
  return null;
}

/** The run panel docked under the canvas. PLACEHOLDER until the run work lands. */
export function RunPanel() {
  return <section data-testid="run-panel" aria-label="Run panel" className="run-panel" />;
}

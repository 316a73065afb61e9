/** The run panel docked under the canvas: steps, the selected step's extracts, state and history. */
import { RunAlert } from './RunAlert';
import { StepList } from './StepList';
import { ExtractPane } from './ExtractPane';
import { StatePanel } from './StatePanel';
import { RunHistory } from './RunHistory';
import './run.css';

export function RunPanel() {
  return (
    <section data-testid="run-panel" aria-label="Run panel" className="run-panel">
      <RunAlert />
      <div className="run-panel-grid">
        <div className="run-col">
          <h3>Steps</h3>
          <StepList />
        </div>
        <div className="run-col run-col-wide">
          <ExtractPane />
        </div>
        <div className="run-col">
          <StatePanel />
          <RunHistory />
        </div>
      </div>
    </section>
  );
}

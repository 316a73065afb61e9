/** The node's "Always run" switch: a step marked so is never skipped (its `deterministic: false`). */
import { useId } from 'react';

const ALWAYS_RUN_HELP = 'Runs on every run, even when its input is unchanged: its result is still shown, but never reused from the cache.';

export function AlwaysRunSwitch({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  const helpId = useId();
  return (
    <div className="always-run">
      <label className="always-run-label">
        <input
          type="checkbox"
          role="switch"
          data-testid="always-run-switch"
          checked={on}
          aria-describedby={helpId}
          onChange={(event) => onChange(event.target.checked)}
        />
        Always run
      </label>
      <p id={helpId} className="muted small always-run-help">
        {ALWAYS_RUN_HELP}
      </p>
    </div>
  );
}

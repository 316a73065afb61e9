/** Run, Rerun, Cancel, the cache toggles and the progress bar, shown in the top toolbar. */
import { useEffect } from 'react';
import type { RunFlags, RunStore } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';
import { RunProgressBar } from './RunProgressBar';
import './run.css';

const selectFlags = (state: { flags: RunFlags }) => state.flags;
const selectRunning = (state: { phase: string }) => state.phase === 'running';

const TOGGLES: { flag: keyof RunFlags; label: string; testId: string; title: string }[] = [
  {
    flag: 'useExtracts',
    label: 'Use cache',
    testId: 'toggle-use-extracts',
    title: 'Use cache (useExtracts): skip a step whose input equals the input it last ran with, and reuse its cached output. Off: every step runs.',
  },
  {
    flag: 'populateExtracts',
    label: 'Update cache',
    testId: 'toggle-populate-extracts',
    title:
      'Update cache (populateExtracts): remember the input and output of each step that runs, so the next run can skip it. Off: the cache keeps what it had.',
  },
  {
    flag: 'mutable',
    label: 'Mutable state',
    testId: 'toggle-mutable-state',
    title: 'Mutable state: let steps overwrite state slots that already hold a value. Needed to rerun with the cache off against the last run’s state.',
  },
];

/** Ctrl+Enter runs, Ctrl+Shift+Enter reruns (⌘ on a Mac), wherever the focus is. */
function onRunShortcut(store: RunStore, event: KeyboardEvent): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
  const { phase, run, rerun } = store.getState();
  event.preventDefault();
  if (phase === 'running') return;
  void (event.shiftKey ? rerun() : run());
}

export function RunToolbar() {
  const store = useStudio().run;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onRunShortcut(store, event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  const flags = useRun(selectFlags);
  const running = useRun(selectRunning);
  const { run, rerun, cancel, setFlag } = store.getState();
  return (
    <div className="run-toolbar" role="group" aria-label="Run">
      <button
        type="button"
        className="run-btn run-btn-primary"
        data-testid="run-button"
        disabled={running}
        onClick={() => void run()}
        aria-keyshortcuts="Control+Enter"
        title="Run (Ctrl+Enter): start from a fresh state built from the graph; steps whose input is unchanged are skipped, using their cached results"
      >
        ▶ Run
      </button>
      <button
        type="button"
        className="run-btn"
        data-testid="rerun-button"
        disabled={running}
        onClick={() => void rerun()}
        aria-keyshortcuts="Control+Shift+Enter"
        title="Rerun (Ctrl+Shift+Enter): replay the workflow against the state the last run left, with the current toggles (e.g. after turning the cache off)"
      >
        ↻ Rerun
      </button>
      <button type="button" className="run-btn run-btn-danger" data-testid="cancel-button" disabled={!running} onClick={cancel} title="Stop the run at once">
        ■ Cancel
      </button>
      <div className="run-toggles" role="group" aria-label="Cache and state">
        {TOGGLES.map(({ flag, label, testId, title }) => (
          <label key={flag} className="run-toggle" title={title}>
            <input type="checkbox" data-testid={testId} checked={flags[flag]} onChange={(event) => setFlag(flag, event.target.checked)} />
            {label}
          </label>
        ))}
      </div>
      <RunProgressBar />
    </div>
  );
}

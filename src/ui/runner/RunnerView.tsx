/**
 * The Runner: pick a workflow reference and a state reference, run them (resolved afresh), and
 * rerun the kept pair with the two cache flags. Self-contained; mount it anywhere.
 */
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { listAppRefs, savedStateRef } from '../../apps';
import { useWorkspace } from '../hooks/useWorkspace';
import { createRunnerSession, type RunnerSessionOptions, type SessionStep } from './runnerSession';
import './runner.css';

const selectWorkflowNames = (state: { workflows: { name: string; stateNames?: string[] }[] }) => state.workflows;

function RefField({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: string[]; onChange(value: string): void }) {
  return (
    <label className="runner-field" htmlFor={id}>
      <span>{label}</span>
      <input id={id} list={`${id}-options`} value={value} spellCheck={false} onChange={(event) => onChange(event.target.value)} />
      <datalist id={`${id}-options`}>
        {options.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
    </label>
  );
}

function StepRow({ step }: { step: SessionStep }) {
  return (
    <li className={`runner-step runner-step-${step.status}`} data-testid="runner-step" data-status={step.status}>
      <span className="runner-step-status">{step.status}</span>
      <span className="runner-step-key">{step.key}</span>
      <span className="runner-step-time">{step.durationMs === null ? '' : `${step.durationMs.toFixed(1)} ms`}</span>
      {step.reason ? <span className="runner-step-reason">{step.reason}</span> : null}
    </li>
  );
}

export function RunnerView(props: RunnerSessionOptions) {
  const [session] = useState(() => createRunnerSession(props));
  const state = useStore(session);
  const saved = useWorkspace(selectWorkflowNames);
  const appRefs = useMemo(() => listAppRefs(), []);
  const workflowOptions = useMemo(() => [...appRefs.workflows, ...saved.map((w) => `workspace://workflows/${encodeURIComponent(w.name)}`)], [appRefs, saved]);
  const stateOptions = useMemo(
    () => [
      ...appRefs.states,
      ...saved.flatMap((w) => [`workspace://states/${encodeURIComponent(w.name)}`, ...(w.stateNames ?? []).map((name) => savedStateRef(w.name, name))]),
    ],
    [appRefs, saved],
  );
  const running = state.status === 'running';

  return (
    <section className="runner" aria-label="Runner">
      <h2 className="visually-hidden">Runner</h2>
      <p className="runner-intro">Run any workflow with any state, both named by reference and resolved afresh on every run.</p>
      <RefField id="runner-workflow" label="Workflow" value={state.workflowRef} options={workflowOptions} onChange={state.setWorkflowRef} />
      <RefField id="runner-state" label="State" value={state.stateRef} options={stateOptions} onChange={state.setStateRef} />
      <div className="runner-actions">
        <button
          type="button"
          className="tool runner-primary"
          data-testid="runner-run"
          disabled={running}
          onClick={() => void state.run()}
          title="Resolve both references afresh and run"
        >
          Run
        </button>
        <button
          type="button"
          className="tool"
          data-testid="runner-rerun"
          disabled={running || !state.canRerun}
          onClick={() => void state.rerun()}
          title="Replay the kept workflow against the kept state"
        >
          Rerun
        </button>
        <label className="check" title="Rerun: skip a step whose input is unchanged, reusing its cached output (useExtracts)">
          <input type="checkbox" checked={state.useExtracts} onChange={(event) => state.setFlag('useExtracts', event.target.checked)} /> Use cache
        </label>
        <label className="check" title="Rerun: store each step's new input and output in the cache (populateExtracts)">
          <input type="checkbox" checked={state.populateExtracts} onChange={(event) => state.setFlag('populateExtracts', event.target.checked)} /> Update cache
        </label>
      </div>
      {state.steps.length ? (
        <ol className="runner-steps" aria-label={state.lastAction === 'rerun' ? 'Rerun steps' : 'Run steps'}>
          {state.steps.map((step) => (
            <StepRow key={step.index} step={step} />
          ))}
        </ol>
      ) : null}
      {state.error ? (
        <p className="runner-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.output.length ? (
        <dl className="runner-output" data-testid="runner-output">
          {state.output.map(({ slot, text }) => (
            <div key={slot}>
              <dt>{slot}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

/** Every slot of the state the last run left: type, size and a preview (summaries from the worker); a slot opens in the viewer. */
import { formatBytes, type RunStoreState } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';
import { roundNumbersInText } from '../shell/formatValue';

const selectLastState = (state: RunStoreState) => state.lastState;
const selectSlot = (state: RunStoreState) => state.selectedSlot;

export function StatePanel() {
  const state = useRun(selectLastState);
  const selected = useRun(selectSlot);
  const store = useStudio().run;
  if (!state) return <p className="run-empty">The state appears after a run.</p>;
  const { selectSlot: open } = store.getState();
  return (
    <table className="state-slots">
      <caption title={stateExplanation(state.mutable)}>
        State {state.mutable ? '(mutable)' : '(immutable)'} · {state.slots.length} {state.slots.length === 1 ? 'slot' : 'slots'}
      </caption>
      <thead>
        <tr>
          <th scope="col">slot · preview</th>
          <th scope="col">type</th>
          <th scope="col">size</th>
        </tr>
      </thead>
      <tbody>
        {state.slots.map((slot) => (
          <tr key={slot.name} data-testid={`state-slot-${slot.name}`} aria-selected={selected === slot.name}>
            <td>
              <button
                type="button"
                className="slot-open"
                aria-pressed={selected === slot.name}
                onClick={() => open(selected === slot.name ? null : slot.name)}
                title="Show the whole value"
              >
                {slot.name}
              </button>
              <div className="state-preview" title={slot.preview}>
                {roundNumbersInText(slot.preview)}
              </div>
            </td>
            <td title={slot.type}>{slot.type}</td>
            <td className="state-size">{formatBytes(slot.size)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the state is, for a person hovering its heading. */
function stateExplanation(mutable: boolean): string {
  const base = 'The values the last run left, by name (a slot is one named value that one step writes and later steps read).';
  return mutable
    ? `${base} Mutable: a rerun may overwrite a slot that already holds a value.`
    : `${base} Immutable: a slot, once written, cannot be overwritten; a Rerun whose steps must write again needs the "Mutable state" toggle or a fresh Run.`;
}

/**
 * A slot's value control by its kind (`data-testid="state-slot-input-<name>"`): typed text commits
 * as soon as it reads as the slot's kind, else the store's words say why; a table or another value
 * kept whole is shown with its summary, not typed in.
 */
import { useState } from 'react';
import type { SlotView } from '../../store/graph/initialState';
import { slotText } from '../../store/graph/slots';
import { useStudio } from '../hooks/useStudio';

interface Props {
  id: string;
  view: SlotView;
  /** The id of the words saying why the typed text was refused, while it is. */
  problemId: string | null;
  onProblem(problem: string | null): void;
}

export function SlotValueInput({ id, view, problemId, onProblem }: Props) {
  const { graph } = useStudio();
  const [draft, setDraft] = useState(view.text);
  const [seen, setSeen] = useState(view.text);
  // Follows the stored value when it changes elsewhere (undo), unless the draft still reads as it.
  if (seen !== view.text) {
    setSeen(view.text);
    setDraft(view.text);
  }
  const testId = `state-slot-input-${view.name}`;
  const label = `Value of slot ${view.name}`;
  const change = (text: string) => {
    setDraft(text);
    const problem = graph.getState().setSlotText(view.name, text);
    onProblem(problem);
    // What was typed stays as typed ("1." while typing 1.5), though the store keeps the value it reads as.
    const stored = graph.getState().initialState;
    if (!problem && Object.hasOwn(stored, view.name)) setSeen(slotText(stored[view.name] ?? null));
  };
  const common = {
    id,
    'data-testid': testId,
    'aria-label': label,
    'data-slot-value': true,
    'aria-invalid': problemId !== null,
    ...(problemId ? { 'aria-describedby': problemId } : {}),
  };
  switch (view.kind) {
    case 'boolean':
      return (
        <label className="check state-value-check">
          <input type="checkbox" {...common} checked={view.text === 'true'} onChange={(event) => change(String(event.target.checked))} />
          {view.text}
        </label>
      );
    case 'date':
      // A date input holds days; a value with a time of day is typed as ISO text.
      return (
        <input
          type={view.text.length > 10 ? 'text' : 'date'}
          className="state-value"
          {...common}
          value={draft}
          onChange={(event) => change(event.target.value)}
        />
      );
    case 'json':
      return <textarea className="state-value mono" rows={3} spellCheck={false} {...common} value={draft} onChange={(event) => change(event.target.value)} />;
    case 'table':
    case 'value':
      return (
        <output className="state-value-shown mono" {...common} title="Kept whole; it comes from an import or a template, and is not typed in here">
          {view.text}
        </output>
      );
    default:
      return (
        <input
          type="text"
          inputMode={view.kind === 'number' ? 'decimal' : 'text'}
          className={`state-value ${view.kind === 'number' ? 'mono' : ''}`}
          spellCheck={false}
          {...common}
          value={draft}
          onChange={(event) => change(event.target.value)}
        />
      );
  }
}

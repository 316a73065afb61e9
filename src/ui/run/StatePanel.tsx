/** Every slot of the state the last run left: type, size and a preview. */
import { useMemo } from 'react';
import { approximateSize, decodeValue, describeType, type StateJSON } from '../../engine';
import { useRunStore } from '../../store/runStore';
import { formatBytes } from '../../store/runWords';
import { valueKind, inlineText } from './valueKind';
import { isTable } from '../../models';

const selectLastState = (state: { lastState: StateJSON | null }) => state.lastState;

function preview(value: unknown): string {
  if (isTable(value)) return value.names.slice(0, 6).join(', ') + (value.names.length > 6 ? ', …' : '');
  if (valueKind(value) === 'inline') return inlineText(value).slice(0, 80);
  const text = JSON.stringify(value) ?? '';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function StatePanel() {
  const state = useRunStore(selectLastState);
  const slots = useMemo(
    () =>
      Object.entries(state?.values ?? {}).map(([name, json]) => {
        const value = decodeValue(json);
        return { name, type: describeType(value), size: approximateSize(value), preview: preview(value) };
      }),
    [state],
  );
  if (!state) return <p className="run-empty">The state appears after a run.</p>;
  return (
    <table className="state-slots">
      <caption>
        State {state.mutable ? '(mutable)' : '(immutable)'} · {slots.length} slots
      </caption>
      <thead>
        <tr>
          <th>slot</th>
          <th>type</th>
          <th>size</th>
          <th>preview</th>
        </tr>
      </thead>
      <tbody>
        {slots.map((slot) => (
          <tr key={slot.name} data-testid={`state-slot-${slot.name}`}>
            <td>{slot.name}</td>
            <td>{slot.type}</td>
            <td>{formatBytes(slot.size)}</td>
            <td className="state-preview">{slot.preview}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Every slot of the state the last run left: type, size and a preview (summaries from the worker); a
 * slot opens in the viewer. Past {@link VIRTUAL_FROM} slots only the rows on screen are in the page
 * (a 2,000-step run's state drawn whole was most of the longest task at the run's end).
 */
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatBytes, type RunStoreState } from '../../store/run';
import type { StateSummary } from '../../worker/protocol';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';
import { roundNumbersInText } from '../shell/formatValue';
import { sizeWithoutLayout } from './virtualSize';

type SlotSummary = StateSummary['slots'][number];

/** From this many slots the table renders only what is on screen. */
const VIRTUAL_FROM = 150;
/** A row's height before it is measured (the slot's button, then its preview). */
const ROW_ESTIMATE = 38;

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
      {state.slots.length < VIRTUAL_FROM ? (
        <tbody>
          {state.slots.map((slot) => (
            <SlotRow key={slot.name} slot={slot} selected={selected === slot.name} onOpen={open} />
          ))}
        </tbody>
      ) : (
        <VirtualSlots slots={state.slots} selected={selected} onOpen={open} />
      )}
    </table>
  );
}

interface SlotRowProps {
  slot: SlotSummary;
  selected: boolean;
  onOpen(name: string | null): void;
  index?: number;
  measure?: (row: HTMLTableRowElement | null) => void;
}

function SlotRow({ slot, selected, onOpen, index, measure }: SlotRowProps) {
  return (
    <tr data-testid={`state-slot-${slot.name}`} aria-selected={selected} data-index={index} ref={measure}>
      <td>
        <button type="button" className="slot-open" aria-pressed={selected} onClick={() => onOpen(selected ? null : slot.name)} title="Show the whole value">
          {slot.name}
        </button>
        <div className="state-preview" title={slot.preview}>
          {roundNumbersInText(slot.preview)}
        </div>
      </td>
      <td title={slot.type}>{slot.type}</td>
      <td className="state-size">{formatBytes(slot.size)}</td>
    </tr>
  );
}

/** The rows on screen, between two spacer rows that keep the table its whole height. */
function VirtualSlots({ slots, selected, onOpen }: { slots: SlotSummary[]; selected: string | null; onOpen(name: string | null): void }) {
  const body = useRef<HTMLTableSectionElement>(null);
  // Offsets are counted from the column's top, not the table's: the rows above (caption, heading) are within the overscan.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: slots.length,
    getScrollElement: () => body.current?.closest<HTMLElement>('.run-col') ?? null,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    getItemKey: (index) => slots[index]?.name ?? index,
    measureElement: sizeWithoutLayout,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <tbody ref={body}>
      {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
      {items.map((item) => {
        const slot = slots[item.index] as SlotSummary;
        return (
          <SlotRow key={slot.name} slot={slot} selected={selected === slot.name} onOpen={onOpen} index={item.index} measure={virtualizer.measureElement} />
        );
      })}
      {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
    </tbody>
  );
}

/** What the state is, for a person hovering its heading. */
function stateExplanation(mutable: boolean): string {
  const base = 'The values the last run left, by name (a slot is one named value that one step writes and later steps read).';
  return mutable
    ? `${base} Mutable: a rerun may overwrite a slot that already holds a value.`
    : `${base} Immutable: a slot, once written, cannot be overwritten; a Rerun whose steps must write again needs the "Mutable state" toggle or a fresh Run.`;
}

/**
 * The run's steps in execution order: status, state mappings, why it ran, duration. A listbox:
 * one tab stop, arrow keys / Home / End move and open a step, Enter or a click opens it.
 *
 * The list itself changes only when the set of rows does (a new run's plan): each row reads its
 * own state (`StepRowItem`). Past {@link VIRTUAL_FROM} rows only those on screen are in the page.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { sizeWithoutLayout } from './virtualSize';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { RunStoreState } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useSelectedNodeId } from '../hooks/useSelectedNodeId';
import { useStudio } from '../hooks/useStudio';
import { StepRowItem } from './StepRowItem';
import { useInstanceTitles } from './useInstanceTitles';
import { groupStepsByInstance } from '../../format/components';

/** From this many rows the list renders only what is on screen. */
const VIRTUAL_FROM = 150;
/** A row's height before it is measured (one line of name and status, one of mappings). */
const ROW_ESTIMATE = 44;

// Changes only when the rows are replaced (a plan, a recorded run), not when a step's status does.
const selectRowIndex = (state: RunStoreState) => state.rowIndex;

/** The step keys in run order, from the index (an object's own key order would put digit keys first). */
function keysOf(rowIndex: Record<string, number>): string[] {
  const keys: string[] = [];
  for (const [key, position] of Object.entries(rowIndex)) keys[position] = key;
  return keys;
}

/** The row index a key moves to, or null when the key is not a move. */
function moveTarget(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

interface RowsProps {
  keys: string[];
  selected: string | null;
  tabStop: number;
  onOpen(position: number): void;
  onKey(event: KeyboardEvent<HTMLLIElement>, position: number): void;
}

function PlainRows({ keys, selected, tabStop, onOpen, onKey, list }: RowsProps & { list: RefObject<HTMLOListElement | null> }) {
  const titles = useInstanceTitles();
  // A component instance's inner steps (`<instance>/<inner>`) are listed under it, where its first one ran.
  const groups = useMemo(() => {
    const positioned = keys.map((key, position) => ({ key, position }));
    return groupStepsByInstance(positioned, titles);
  }, [keys, titles]);
  const row = ({ key, position }: { key: string; position: number }) => (
    <StepRowItem key={key} position={position} selected={selected === key} tabStop={position === tabStop} onOpen={onOpen} onKey={onKey} />
  );
  return (
    <ol className="run-steps" role="listbox" aria-label="Steps in execution order" ref={list}>
      {groups.map((group) =>
        group.kind === 'step' ? (
          row(group.step)
        ) : (
          <li key={`group:${group.instance}`} role="none">
            <div className="run-step-group" role="group" aria-label={`${group.label} (component)`} data-testid={`run-group-${group.instance}`}>
              <div className="run-step-group-title" aria-hidden="true">
                {group.label} <span className="run-step-group-kind">component · {group.steps.length} steps</span>
              </div>
              <ol className="run-steps is-inner" role="none">
                {group.steps.map(row)}
              </ol>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

/** The scrolling column the list sits in. */
const scrollerOf = (list: HTMLOListElement | null): HTMLElement | null => list?.closest<HTMLElement>('.run-col') ?? null;

/** How far down the scrolling column the list starts (under its heading). */
function listOffset(list: HTMLOListElement | null): number {
  const scroller = scrollerOf(list);
  if (!list || !scroller) return 0;
  return list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

function VirtualRows({
  keys,
  selected,
  tabStop,
  onOpen,
  onKey,
  list,
  scrollTo,
}: RowsProps & { list: RefObject<HTMLOListElement | null>; scrollTo: RefObject<((position: number) => void) | null> }) {
  // Measured once the list is drawn, not in every render (reading layout there would force it).
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => setOffset(listOffset(list.current)), [list]);
  // Its measureElement is stable (a memoised row may hold it); nothing else memoised receives its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollerOf(list.current),
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    scrollMargin: offset,
    getItemKey: (position) => keys[position] ?? position,
    measureElement: sizeWithoutLayout,
  });
  useLayoutEffect(() => {
    scrollTo.current = (position) => virtualizer.scrollToIndex(position, { align: 'auto' });
    return () => {
      scrollTo.current = null;
    };
  }, [virtualizer, scrollTo]);
  const margin = virtualizer.options.scrollMargin;
  return (
    <ol
      className="run-steps is-virtual"
      role="listbox"
      aria-label="Steps in execution order"
      aria-setsize={keys.length}
      ref={list}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const key = keys[item.index] ?? '';
        return (
          <StepRowItem
            key={key}
            position={item.index}
            selected={selected === key}
            tabStop={item.index === tabStop}
            onOpen={onOpen}
            onKey={onKey}
            measure={virtualizer.measureElement}
            style={{ transform: `translateY(${item.start - margin}px)` }}
          />
        );
      })}
    </ol>
  );
}

export function StepList() {
  const rowIndex = useRun(selectRowIndex);
  const keys = useMemo(() => keysOf(rowIndex), [rowIndex]);
  const selected = useSelectedNodeId();
  const { run } = useStudio();
  const list = useRef<HTMLOListElement>(null);
  const scrollTo = useRef<((position: number) => void) | null>(null);
  const count = keys.length;

  const open = useCallback(
    (position: number) => {
      const key = keys[position];
      if (key === undefined) return;
      run.getState().selectStep(key);
      const focus = () => list.current?.querySelector<HTMLElement>(`[data-index="${position}"]`)?.focus();
      if (scrollTo.current && !list.current?.querySelector(`[data-index="${position}"]`)) {
        // Off screen in a long list: bring it in, then focus it once it is drawn.
        scrollTo.current(position);
        requestAnimationFrame(() => requestAnimationFrame(focus));
      } else focus();
    },
    [keys, run],
  );
  const onKey = useCallback(
    (event: KeyboardEvent<HTMLLIElement>, position: number) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open(position);
        return;
      }
      const target = moveTarget(event.key, position, count);
      if (target === null) return;
      event.preventDefault();
      open(target);
    },
    [open, count],
  );

  if (!count) return <p className="run-empty">No run yet. Press Run: each step's status, timing and cache use will show here.</p>;
  const selectedPosition = selected === null ? undefined : rowIndex[selected];
  const props: RowsProps = { keys, selected, tabStop: selectedPosition ?? 0, onOpen: open, onKey };
  if (count < VIRTUAL_FROM) return <PlainRows {...props} list={list} />;
  return <VirtualRows {...props} list={list} scrollTo={scrollTo} />;
}

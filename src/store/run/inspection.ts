/**
 * The value open in the viewer: the selected step's cache entry or an open state slot, fetched
 * from the worker (only the newest request counts), plus table pages and whole values as files on demand.
 */
import type { SlotValue, StepValues, TableAt, ValueTarget } from '../../worker/protocol';
import type { RowView } from '../../models/table/rowView';
import { openStepKey, type RunContext } from './context';
import type { RunActions, SlotInspection, StepInspection } from './types';

const VIEWER = 'viewer';

/** Revives the tables in a value from the worker. The table module loads with the first value looked at, not with the editor. */
async function unpackInspection(value: StepValues | SlotValue): Promise<StepInspection | SlotInspection> {
  const { unpackValue } = await import('../../worker/packValue');
  if (value.kind === 'slot') return { kind: 'slot', name: value.name, value: unpackValue(value.value) };
  return {
    kind: 'step',
    stepKey: value.stepKey,
    summary: value.summary,
    input: unpackValue(value.input),
    output: unpackValue(value.output),
    previousFields: value.previousFields ? (unpackValue(value.previousFields) as Record<string, unknown>) : null,
    changed: value.changed,
    from: value.from,
    cacheNotUpdated: value.cacheNotUpdated ?? null,
  };
}

const sameTarget = (a: ValueTarget, b: ValueTarget) =>
  a.kind === 'slot' ? b.kind === 'slot' && a.name === b.name : b.kind === 'step' && a.stepKey === b.stepKey;

export interface Inspector {
  /** Asks the worker for the open target's value (the open slot, else the selected step). */
  inspect(): void;
  actions: Pick<RunActions, 'exportValue' | 'tableRows' | 'showValues'>;
}

export function createInspector({ set, get, deps, client }: RunContext): Inspector {
  const target = (): ValueTarget | null => {
    const slot = get().selectedSlot;
    if (slot !== null) return { kind: 'slot', name: slot };
    const stepKey = openStepKey(deps);
    return stepKey !== null ? { kind: 'step', stepKey } : null;
  };

  let requests = 0;
  const inspect = () => {
    const request = ++requests;
    const wanted = target();
    const workflowId = get().workflowId;
    if (!wanted || !workflowId) {
      if (get().inspection !== null) set({ inspection: null });
      return;
    }
    // Keep showing the old value of the same target while its new value comes (no flash of "loading").
    // Another target opens on the last run's values.
    const current = get().inspection;
    if (!current || !sameTarget(current.target, wanted)) set({ inspection: { target: wanted, status: 'loading' }, valueView: 'run' });
    const view = get().valueView;
    client.request({ type: 'get-value', workflowId, target: wanted, view }, VIEWER).then(
      async (reply) => {
        if (reply === 'stale') return;
        if (reply.type === 'value-failed') set({ inspection: { target: wanted, status: 'error', message: reply.message } });
        else if (!reply.value) set({ inspection: { target: wanted, status: 'absent' } });
        else {
          const value = await unpackInspection(reply.value);
          // A newer request went out while the table module loaded: its reply decides.
          if (request === requests) set({ inspection: { target: wanted, status: 'ready', value } });
        }
      },
      // The worker stopped (a cancel or a crash): whoever stopped it asks again.
      () => undefined,
    );
  };

  const openTarget = () => {
    const { inspection, workflowId } = get();
    if (!inspection || !workflowId) throw new Error('no step or slot is open');
    return { target: inspection.target, workflowId };
  };

  return {
    inspect,
    actions: {
      showValues: (view) => {
        if (view === get().valueView) return;
        set({ valueView: view });
        inspect();
      },
      exportValue: async (at, format) => {
        const { target: open, workflowId } = openTarget();
        const reply = await client.request({ type: 'export-value', workflowId, target: open, at, format, view: get().valueView });
        if (reply === 'stale') throw new Error('the export request was replaced');
        if (reply.type === 'export-failed') throw new Error(reply.message);
        return reply.file;
      },
      tableRows: async (at: TableAt, from: number, count: number, rowView?: RowView) => {
        const { target: open, workflowId } = openTarget();
        const reply = await client.request({
          type: 'get-rows',
          workflowId,
          target: open,
          at,
          from,
          count,
          view: get().valueView,
          ...(rowView ? { rowView } : {}),
        });
        if (reply === 'stale') throw new Error('the rows request was replaced');
        if (reply.type === 'rows-failed') throw new Error(reply.message);
        const { type: _type, requestId: _id, ...page } = reply;
        return page;
      },
    },
  };
}

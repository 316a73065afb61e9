/**
 * The initial state's edits (slots added, renamed, deleted, typed) and the saved states, over the
 * pure rules of `slots.ts`, `initialState.ts` and `runState.ts`. Slot edits and saved states are
 * undoable (they are in the graph snapshot); the choice of Run's state is a setting, saved but not undone.
 */
import type { GraphContext } from './context';
import { rebindReaders, renamedSlots, savedStateNameProblem, slotNameProblem } from './initialState';
import { sameChoice } from './runState';
import { convertSlotValue, defaultSlotValue, kindOf, parseSlotText, TYPED_KINDS } from './slots';
import type { JsonValue } from '../../engine';
import type { InitialStateActions, RunStateChoice, StateValues } from './types';

export function stateSlice(context: GraphContext): InitialStateActions & { resolveRunState(choice: RunStateChoice): void } {
  const { set, get, edit, persist, deps } = context;
  const now = deps.now ?? Date.now;

  const hasSlot = (name: string) => Object.hasOwn(get().initialState, name);

  /** Reads a referenced state; only the newest choice's answer lands. */
  const resolveRunState = (choice: RunStateChoice) => {
    if (choice.kind !== 'ref') return set({ resolvedRunState: null });
    const { ref } = choice;
    const workflowId = get().activeWorkflowId;
    set({ resolvedRunState: { ref, status: 'loading' } });
    const resolve = deps.resolveState ?? (() => Promise.reject(new Error('state references cannot be read here')));
    const current = () => get().activeWorkflowId === workflowId && get().runState.kind === 'ref' && sameChoice(get().runState, choice);
    resolve(ref).then(
      (values) => {
        if (current()) set({ resolvedRunState: { ref, status: 'ready', values } });
      },
      (error: unknown) => {
        if (current()) set({ resolvedRunState: { ref, status: 'error', message: error instanceof Error ? error.message : String(error) } });
      },
    );
  };

  return {
    resolveRunState,

    addSlot: (raw, kind) => {
      const name = raw.trim();
      const problem = slotNameProblem(get().nodes, get().initialState, name);
      if (problem) return problem;
      if (!TYPED_KINDS.includes(kind)) return `A new slot holds a number, text, true / false, a date or JSON.`;
      edit((state) => ({ initialState: { ...state.initialState, [name]: defaultSlotValue(kind, now()) } }));
      return null;
    },

    renameSlot: (from, raw) => {
      const to = raw.trim();
      if (to === from) return null;
      if (!hasSlot(from)) return `The initial state has no slot “${from}”.`;
      const problem = slotNameProblem(get().nodes, get().initialState, to, from);
      if (problem) return problem;
      edit((state) => ({
        initialState: renamedSlots(state.initialState, from, to),
        nodes: rebindReaders(state.nodes, from, to),
        savedStates: Object.fromEntries(
          Object.entries(state.savedStates).map(([name, values]) => [
            name,
            Object.hasOwn(values, from) && !Object.hasOwn(values, to) ? renamedSlots(values, from, to) : values,
          ]),
        ),
      }));
      return null;
    },

    deleteSlot: (name) => {
      if (!hasSlot(name)) return;
      edit((state) => {
        const { [name]: _gone, ...initialState } = state.initialState;
        return { initialState, nodes: rebindReaders(state.nodes, name, null) };
      });
    },

    setSlotText: (name, text) => {
      const present = hasSlot(name);
      const kind = present ? kindOf(get().initialState[name] as JsonValue) : 'text';
      const parsed = parseSlotText(name, kind, text);
      if (!parsed.ok) return parsed.problem;
      if (present && JSON.stringify(get().initialState[name]) === JSON.stringify(parsed.value)) return null;
      edit((state) => ({ initialState: { ...state.initialState, [name]: parsed.value } }), `slot-value:${name}`);
      return null;
    },

    setSlotKind: (name, kind) => {
      if (!TYPED_KINDS.includes(kind)) return;
      const value = hasSlot(name) ? (get().initialState[name] as JsonValue) : null;
      if (hasSlot(name) && kindOf(value) === kind) return;
      edit((state) => ({ initialState: { ...state.initialState, [name]: convertSlotValue(name, value, kind, now()) } }));
    },

    saveState: (raw) => {
      const name = raw.trim();
      const problem = savedStateNameProblem(name);
      if (problem) return problem;
      edit((state) => ({ savedStates: { ...state.savedStates, [name]: structuredClone(state.initialState) } }));
      return null;
    },

    deleteSavedState: (name) => {
      if (!Object.hasOwn(get().savedStates, name)) return;
      edit((state) => {
        const { [name]: _gone, ...savedStates } = state.savedStates;
        return { savedStates };
      });
    },

    loadSavedState: (name) => {
      if (Object.hasOwn(get().savedStates, name)) edit({ initialState: structuredClone(get().savedStates[name] as StateValues) });
    },

    chooseRunState: (choice) => {
      if (sameChoice(choice, get().runState) && (choice.kind !== 'ref' || get().resolvedRunState?.status === 'ready')) return;
      set({ runState: choice });
      resolveRunState(choice);
      persist();
    },
  };
}

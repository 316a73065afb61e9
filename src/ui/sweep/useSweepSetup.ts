/**
 * The sweep dialog's form: what it runs over (one slot's values, or several states), which outputs
 * it shows, and whether that can start — checked as it is typed, in the store's words.
 */
import { useMemo, useState } from 'react';
import type { JsonValue, WorkflowJSON } from '../../engine';
import type { GraphState, RunStateChoice, StateValues } from '../../store/graph';
import { defaultOutputs, valueEntries, writtenSlots, type SweepRequest } from '../../store/sweep';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';

export type SetupMode = 'values' | 'states';

const selectInitial = (state: GraphState) => state.initialState;
const selectSaved = (state: GraphState) => state.savedStates;
const selectNodes = (state: GraphState) => state.nodes;
const selectEdges = (state: GraphState) => state.edges;

export const choiceKey = (choice: RunStateChoice) => (choice.kind === 'own' ? 'own' : choice.kind === 'saved' ? `saved:${choice.name}` : `ref:${choice.ref}`);

/** A number slot is the likeliest to sweep (years, thresholds); else the first. */
const firstSlot = (state: StateValues) => Object.keys(state).find((name) => typeof state[name] === 'number') ?? Object.keys(state)[0] ?? '';

function useCompiled(): WorkflowJSON | null {
  const { graph } = useStudio();
  const nodes = useGraph(selectNodes);
  const edges = useGraph(selectEdges);
  // Recompiled when the nodes or edges change (compileActive reads them from the store).
  return useMemo(() => {
    if (!nodes.length && !edges.length) return null;
    try {
      return graph.getState().compileActive().workflow;
    } catch {
      return null;
    }
  }, [graph, nodes, edges]);
}

export function useSweepSetup() {
  const initialState = useGraph(selectInitial);
  const savedStates = useGraph(selectSaved);
  const workflow = useCompiled();
  const [mode, setMode] = useState<SetupMode>('values');
  const [slot, setSlot] = useState(() => firstSlot(initialState));
  const [text, setText] = useState(() => {
    const value: JsonValue | undefined = initialState[firstSlot(initialState)];
    return typeof value === 'number' ? [0, 1, 2, 3].map((step) => value + step).join(', ') : '';
  });
  const [states, setStates] = useState<RunStateChoice[]>([]);
  const [chosen, setChosen] = useState<string[] | null>(null);

  const values = useMemo(() => valueEntries(initialState, slot, text), [initialState, slot, text]);
  const outputs = useMemo(() => (workflow ? writtenSlots(workflow) : []), [workflow]);
  const varying = useMemo((): StateValues[] => {
    if (mode === 'values') return values.ok ? values.entries.map((entry) => entry.values) : [];
    return states.map((choice) => (choice.kind === 'own' ? initialState : choice.kind === 'saved' ? (savedStates[choice.name] ?? {}) : { [choice.ref]: true }));
  }, [mode, values, states, initialState, savedStates]);
  const selected = chosen ?? (workflow ? defaultOutputs(workflow, varying) : []);

  const count = mode === 'values' ? (values.ok ? values.entries.length : 0) : states.length;
  const problem =
    workflow === null
      ? 'The graph cannot run yet: fix it in the editor first.'
      : mode === 'values'
        ? values.ok
          ? null
          : values.problem
        : states.length < 2
          ? 'Choose two or more states to run over.'
          : null;
  const request: SweepRequest | null =
    problem || !selected.length ? null : mode === 'values' ? { kind: 'values', slot, text, outputs: selected } : { kind: 'states', states, outputs: selected };

  return {
    mode,
    setMode,
    slot,
    setSlot,
    text,
    setText,
    slots: Object.keys(initialState),
    savedNames: Object.keys(savedStates),
    isChosen: (choice: RunStateChoice) => states.some((item) => choiceKey(item) === choiceKey(choice)),
    toggleState: (choice: RunStateChoice) =>
      setStates((list) =>
        list.some((item) => choiceKey(item) === choiceKey(choice)) ? list.filter((item) => choiceKey(item) !== choiceKey(choice)) : [...list, choice],
      ),
    outputs,
    selected,
    toggleOutput: (output: string) =>
      setChosen(selected.includes(output) ? selected.filter((item) => item !== output) : outputs.filter((item) => item === output || selected.includes(item))),
    count,
    problem,
    request,
  };
}

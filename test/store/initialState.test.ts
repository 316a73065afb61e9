import { beforeEach, describe, expect, it } from 'vitest';
import { Workflow, State, decodeValue } from '../../src/engine';
import { slotViews } from '../../src/store/graph/initialState';
import { makeStudio, memoryWorkspace } from '../helpers/studio';

// The initial state as the State panel edits it, through the graph store: slots, kinds, readers,
// undo, saved states and the state Run uses. Checked through what the engine then runs.

let studio = makeStudio();
const store = () => studio.graph.getState();
const views = () => slotViews(store().nodes, store().edges, store().initialState);
const compiledState = () => store().compileActive().state;

/** Runs the compiled weather workflow in the engine, as the worker would: the monthly table's rows. */
async function monthlyRows(): Promise<number> {
  const compiled = store().compileActive();
  const state = new State(Object.fromEntries(Object.entries(compiled.state).map(([name, value]) => [name, decodeValue(value)])));
  await Workflow.fromJSON(compiled.workflow).run(state);
  return (state.extract('monthly') as { rowCount: number }).rowCount;
}

beforeEach(() => {
  studio = makeStudio();
  store().createWorkflow('weather', 'app://weather/workflows/monthly');
});

describe('The weather template’s initial state', () => {
  it('lists dataset, fromYear and toYear with their kinds, values and the steps that read them', () => {
    expect(views()).toEqual([
      { name: 'dataset', kind: 'text', text: 'seattle-weather', readers: [{ nodeId: 'sample', label: 'Seattle weather', field: 'name' }], missing: false },
      { name: 'fromYear', kind: 'number', text: '2012', readers: [{ nodeId: 'clean', label: 'Clean days', field: 'fromYear' }], missing: false },
      { name: 'toYear', kind: 'number', text: '2015', readers: [{ nodeId: 'clean', label: 'Clean days', field: 'toYear' }], missing: false },
    ]);
  });

  it('takes a typed year, runs with it, and undo and redo bring the values back', async () => {
    expect(await monthlyRows()).toBe(48);
    expect(store().setSlotText('fromYear', ' 2014 ')).toBeNull();
    expect(compiledState().fromYear).toBe(2014);
    // Two years of months: 2014 and 2015.
    expect(await monthlyRows()).toBe(24);
    store().undo();
    expect(compiledState().fromYear).toBe(2012);
    store().redo();
    expect(compiledState().fromYear).toBe(2014);
  });

  it('refuses text that is not of the slot’s kind, in words naming the slot, and changes nothing', () => {
    expect(store().setSlotText('fromYear', 'twenty')).toBe('State slot “fromYear”: “twenty” is not a number.');
    expect(store().setSlotText('fromYear', '')).toBe('State slot “fromYear”: enter a number.');
    expect(store().setSlotText('fromYear', '1e999')).toMatch(/too large: enter a finite number/);
    expect(compiledState().fromYear).toBe(2012);
    expect(store().canUndo).toBe(false);
  });
});

describe('Slots added, renamed, retyped and deleted', () => {
  it('renames a slot and the inputs that read it, so the workflow still runs; refuses taken and written names', async () => {
    expect(store().renameSlot('fromYear', 'toYear')).toBe('The initial state already has a slot “toYear”.');
    expect(store().renameSlot('fromYear', 'weather')).toBe(
      'State slot “weather” is written by “Seattle weather”; an initial slot needs a name no step writes.',
    );
    expect(store().renameSlot('fromYear', '  ')).toBe('A state slot needs a name.');
    expect(store().renameSlot('fromYear', 'first year')).toBeNull();
    expect(Object.keys(store().initialState)).toEqual(['dataset', 'first year', 'toYear']);
    const clean = store()
      .compileActive()
      .workflow.steps.find((step) => step.id === 'clean');
    expect(clean?.inputs).toMatchObject({ 'first year': 'fromYear' });
    expect(await monthlyRows()).toBe(48);
    store().undo();
    expect(views().map((view) => view.name)).toEqual(['dataset', 'fromYear', 'toYear']);
  });

  it('deletes a slot and unbinds its readers; undo brings both back', () => {
    store().deleteSlot('toYear');
    expect(Object.keys(compiledState())).toEqual(['dataset', 'fromYear']);
    expect(store().nodes.find((node) => node.id === 'clean')?.data.stateInputs).toEqual({ fromYear: 'fromYear' });
    store().undo();
    expect(store().nodes.find((node) => node.id === 'clean')?.data.stateInputs).toEqual({ fromYear: 'fromYear', toYear: 'toYear' });
    expect(compiledState().toYear).toBe(2015);
  });

  it('adds typed slots: a date, true / false, JSON (checked), text', () => {
    expect(store().addSlot('from', 'date')).toBeNull();
    expect(store().setSlotText('from', '2014-02-30')).toBe('State slot “from”: “2014-02-30” is not a date: write it as YYYY-MM-DD (e.g. 2014-01-31).');
    expect(store().setSlotText('from', '2014-02-28')).toBeNull();
    expect(decodeValue(compiledState().from)).toEqual(new Date(Date.UTC(2014, 1, 28)));
    expect(store().addSlot('strict', 'boolean')).toBeNull();
    expect(store().setSlotText('strict', 'yes')).toBe('State slot “strict”: “yes” is neither true nor false.');
    expect(store().setSlotText('strict', 'true')).toBeNull();
    expect(store().addSlot('opts', 'json')).toBeNull();
    expect(store().setSlotText('opts', '{"a": [1, 2')).toMatch(/^State slot “opts”: not valid JSON \(/);
    expect(store().setSlotText('opts', '{"__proto__": 1}')).toBe('State slot “opts”: JSON here may not use the key "__proto__" (files refuse it).');
    expect(store().setSlotText('opts', '{"a": [1, 2]}')).toBeNull();
    expect(store().addSlot('from', 'text')).toBe('The initial state already has a slot “from”.');
    expect(
      views()
        .slice(3)
        .map(({ name, kind, text }) => [name, kind, text]),
    ).toEqual([
      ['from', 'date', '2014-02-28'],
      ['strict', 'boolean', 'true'],
      ['opts', 'json', '{"a":[1,2]}'],
    ]);
  });

  it('keeps the value when a slot changes kind where it reads as the new kind', () => {
    store().setSlotKind('fromYear', 'text');
    expect(compiledState().fromYear).toBe('2012');
    store().setSlotKind('fromYear', 'number');
    expect(compiledState().fromYear).toBe(2012);
    store().setSlotKind('dataset', 'number');
    expect(compiledState().dataset).toBe(0);
    store().setSlotKind('fromYear', 'json');
    expect(compiledState().fromYear).toBe(2012);
  });
});

describe('Saved states and the state Run uses', () => {
  it('saves the initial state under a name; Run can use it while the own state stays as it is', async () => {
    store().setSlotText('fromYear', '2014');
    expect(store().saveState('2014–2015')).toBeNull();
    store().setSlotText('fromYear', '2012');
    store().chooseRunState({ kind: 'saved', name: '2014–2015' });
    expect(compiledState()).toEqual({ dataset: 'seattle-weather', fromYear: 2014, toYear: 2015 });
    expect(await monthlyRows()).toBe(24);
    expect(store().initialState.fromYear).toBe(2012);
    store().chooseRunState({ kind: 'own' });
    expect(compiledState().fromYear).toBe(2012);
  });

  it('says when the saved state Run uses is gone, and undo of the delete brings it back', () => {
    store().saveState('mine');
    store().chooseRunState({ kind: 'saved', name: 'mine' });
    store().deleteSavedState('mine');
    expect(() => store().compileActive()).toThrow('Run uses saved state “mine”, which is gone. Choose another state beside Run.');
    store().undo();
    expect(compiledState().fromYear).toBe(2012);
    expect(store().saveState('toString')).toBeNull();
    store().chooseRunState({ kind: 'saved', name: 'valueOf' });
    expect(() => store().compileActive()).toThrow(/“valueOf”, which is gone/);
  });

  it('loads a saved state into the initial state (undoable), and renaming a slot renames it in saved states', () => {
    store().setSlotText('toYear', '2013');
    store().saveState('short');
    store().setSlotText('toYear', '2015');
    store().renameSlot('toYear', 'lastYear');
    expect(store().savedStates.short).toEqual({ dataset: 'seattle-weather', fromYear: 2012, lastYear: 2013 });
    store().loadSavedState('short');
    expect(compiledState().lastYear).toBe(2013);
    store().undo();
    expect(compiledState().lastYear).toBe(2015);
  });

  it('runs from an application’s state once it is read, and says why not before or when it cannot be read', async () => {
    store().chooseRunState({ kind: 'ref', ref: 'app://weather/states/monthly#lastYear' });
    expect(() => store().compileActive()).toThrow('Run uses state app://weather/states/monthly#lastYear, which is still being read.');
    await expect.poll(() => store().resolvedRunState?.status).toBe('ready');
    expect(compiledState()).toEqual({ dataset: 'seattle-weather', fromYear: 2015, toYear: 2015 });
    expect(await monthlyRows()).toBe(12);
    store().chooseRunState({ kind: 'ref', ref: 'app://weather/states/nothing' });
    await expect.poll(() => store().resolvedRunState?.status).toBe('error');
    expect(() => store().compileActive()).toThrow(/Run uses state app:\/\/weather\/states\/nothing, which cannot be read: .*has no states file "nothing"/);
  });

  it('are kept in the workspace: the saved states and Run’s choice come back when the workflow opens again', async () => {
    const workspace = memoryWorkspace();
    studio = makeStudio({ workspace });
    await studio.start();
    const id = store().createWorkflow('weather', 'app://weather/workflows/monthly');
    store().setSlotText('fromYear', '2013');
    store().saveState('from 2013');
    store().chooseRunState({ kind: 'saved', name: 'from 2013' });
    store().createWorkflow('other');
    expect(store().savedStates).toEqual({});
    expect(store().runState).toEqual({ kind: 'own' });
    store().openWorkflow(id);
    expect(store().savedStates).toEqual({ 'from 2013': { dataset: 'seattle-weather', fromYear: 2013, toYear: 2015 } });
    expect(store().runState).toEqual({ kind: 'saved', name: 'from 2013' });
  });

  it('go into an export only when asked, and an import brings them back', async () => {
    store().saveState('a');
    expect(JSON.parse(store().exportWorkflow().text).states).toBeUndefined();
    const { text } = store().exportWorkflow(undefined, true);
    expect(JSON.parse(text).states).toEqual({ a: { dataset: 'seattle-weather', fromYear: 2012, toYear: 2015 } });
    await store().importWorkflow(text);
    expect(store().savedStates).toEqual({ a: { dataset: 'seattle-weather', fromYear: 2012, toYear: 2015 } });
    expect(store().runState).toEqual({ kind: 'own' });
  });
});

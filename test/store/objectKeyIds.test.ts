/**
 * Case 16 (`../shared/reliability-cases.md`): step ids and slot names that are also names of
 * `Object.prototype`'s members work everywhere: import, the graph, compile, run, auto-layout,
 * export and import again. (`constructor`, `prototype` and `__proto__` never reach here: a file
 * holding them as keys is refused before parsing, case 15.)
 */
import { describe, expect, it } from 'vitest';
import { makeStudio } from '../helpers/studio';

const [first, second] = ['toString', 'valueOf'];
const [firstSlot, secondSlot] = ['hasOwnProperty', 'isPrototypeOf'];

const file = JSON.stringify({
  format: 'swark.workflow',
  version: 1,
  name: 'Object keys',
  workflow: {
    useExtracts: true,
    populateExtracts: true,
    steps: [
      { id: first, model: 'input.number', inputs: {}, outputs: { value: firstSlot }, params: { value: 2 } },
      { id: second, model: 'input.number', inputs: {}, outputs: { value: secondSlot }, params: { value: 3 } },
      { id: 'propertyIsEnumerable', model: 'math.add', inputs: { [firstSlot]: 'a', [secondSlot]: 'b' }, outputs: { sum: 'toLocaleString' } },
    ],
  },
  layout: { [first]: { x: 0, y: 0, label: 'valueOf' }, [second]: { x: 0, y: 160 }, propertyIsEnumerable: { x: 300, y: 80 } },
});

describe('case 16: step ids and slot names named like Object.prototype members', () => {
  it('import, wire, compile, run, lay out, export and import again, each node and slot its own', async () => {
    const studio = makeStudio();
    await studio.start();
    const graph = () => studio.graph.getState();
    expect(await graph().importWorkflow(file)).not.toBeNull();
    expect(graph().notice?.kind).toBe('info');
    expect(
      graph()
        .nodes.map((node) => node.id)
        .sort(),
    ).toEqual(['propertyIsEnumerable', 'toString', 'valueOf']);
    expect(graph().edges).toHaveLength(2);

    const steps = graph().compileActive().workflow.steps;
    expect(steps.find((step) => step.id === 'propertyIsEnumerable')?.inputs).toEqual({ [firstSlot]: 'a', [secondSlot]: 'b' });
    await studio.run.getState().run();
    expect(Object.fromEntries(studio.run.getState().steps.map((row) => [row.key, row.status]))).toEqual({
      toString: 'ran',
      valueOf: 'ran',
      propertyIsEnumerable: 'ran',
    });
    expect(studio.run.getState().lastState?.slots.find((slot) => slot.name === 'toLocaleString')).toMatchObject({ type: 'number' });

    await graph().autoLayout();
    for (const node of graph().nodes) expect([node.id, Number.isFinite(node.position.x) && Number.isFinite(node.position.y)]).toEqual([node.id, true]);
    const exported = JSON.parse(graph().exportWorkflow().text) as { workflow: { steps: { id: string }[] }; layout: Record<string, unknown> };
    expect(exported.workflow.steps.map((step) => step.id).sort()).toEqual(['propertyIsEnumerable', 'toString', 'valueOf']);
    expect(Object.keys(exported.layout).sort()).toEqual(['propertyIsEnumerable', 'toString', 'valueOf']);

    expect(await graph().importWorkflow(JSON.stringify(exported))).not.toBeNull();
    expect(
      graph()
        .nodes.map((node) => node.id)
        .sort(),
    ).toEqual(['propertyIsEnumerable', 'toString', 'valueOf']);
    expect(graph().edges).toHaveLength(2);
    await studio.run.getState().run();
    expect(studio.run.getState().steps.map((row) => row.status)).toEqual(['ran', 'ran', 'ran']);
  });
});

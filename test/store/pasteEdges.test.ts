import { describe, expect, it } from 'vitest';
import { makeStudio } from '../helpers/studio';

const fragment = (field: string) =>
  JSON.stringify({
    format: 'swark.fragment',
    version: 1,
    nodes: [
      { id: 'x', model: 'input.number', label: 'x', position: { x: 0, y: 0 }, params: { value: 1 }, slotNames: {}, stateInputs: {} },
      { id: 'add', model: 'math.add', label: 'add', position: { x: 200, y: 0 }, params: {}, slotNames: {}, stateInputs: {} },
    ],
    edges: [
      { source: 'x', output: 'value', target: 'add', field },
      { source: 'x', output: 'nope', target: 'add', field: 'b' },
    ],
  });

describe('case 18: a pasted fragment with a wire to a handle that does not exist', () => {
  it('keeps the sound wires, leaves that one out and says so', async () => {
    const studio = makeStudio();
    await studio.start();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('paste');
    expect(await graph().paste(fragment('missing'))).toBe(true);
    expect(graph().nodes).toHaveLength(2);
    expect(graph().edges).toHaveLength(0);
    expect(graph().notice).toMatchObject({
      kind: 'warning',
      items: [{ message: expect.stringMatching(/"add" \(missing\) was left out/) }, { message: expect.stringMatching(/\(nope\)/) }],
    });
    expect(await graph().paste(fragment('a'))).toBe(true);
    expect(graph().edges.map((edge) => [edge.sourceHandle, edge.targetHandle])).toEqual([['value', 'a']]);
  });
});

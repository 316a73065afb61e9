/** A definition as a graph to edit (boundary nodes whose wires are its ports) and back. */
import { describe, expect, it } from 'vitest';
import {
  COMPONENT_INPUTS_ID,
  COMPONENT_OUTPUTS_ID,
  definitionFromFile,
  definitionOfInner,
  definitionToFile,
  innerGraphOf,
  NEW_PORT,
  wiresOnGonePorts,
  type ComponentDefinition,
} from '../../src/format';
import { node } from '../fixtures/componentGraph';

const definition = (): ComponentDefinition => ({
  id: 'def1',
  name: 'calc',
  nodes: [node('add', 'math.add', 0), node('scale', 'math.multiply', 300)],
  edges: [{ source: 'add', output: 'sum', target: 'scale', field: 'value' }],
  inputs: [
    { port: 'a', node: 'add', field: 'a' },
    { port: 'b', node: 'add', field: 'b' },
    { port: 'factor', node: 'scale', field: 'factor' },
  ],
  outputs: [{ port: 'product', node: 'scale', output: 'product' }],
});

describe('When a definition is opened as a graph', () => {
  it('reads back as the same definition', () => {
    const inner = innerGraphOf(definition());
    expect(inner.nodes.map((n) => n.id)).toEqual([COMPONENT_INPUTS_ID, 'add', 'scale', COMPONENT_OUTPUTS_ID]);
    expect(inner.nodes[0]?.missingPorts?.outputs).toEqual(['a', 'b', 'factor', NEW_PORT]);
    const back = definitionOfInner(definition(), inner.nodes, inner.edges).definition;
    // The same, with its Inputs and Outputs nodes where they were shown: left of the first node, right of the last.
    expect(back).toEqual({ ...definition(), boundary: { inputs: { x: -140, y: 0 }, outputs: { x: 570, y: 0 } } });
  });

  it('keeps its Inputs and Outputs nodes where the person moved them, in the file and the library record too', () => {
    const inner = innerGraphOf(definition());
    const moved = inner.nodes.map((n) =>
      n.id === COMPONENT_INPUTS_ID ? { ...n, position: { x: -400, y: 220 } } : n.id === COMPONENT_OUTPUTS_ID ? { ...n, position: { x: 900, y: -60 } } : n,
    );
    const saved = definitionOfInner(definition(), moved, inner.edges).definition;
    const reopened = innerGraphOf(definitionFromFile('def1', definitionToFile(saved)));
    expect(reopened.nodes.filter((n) => n.id === COMPONENT_INPUTS_ID || n.id === COMPONENT_OUTPUTS_ID).map((n) => n.position)).toEqual([
      { x: -400, y: 220 },
      { x: 900, y: -60 },
    ]);
    // Moving an inner node later does not move them.
    const innerMoved = reopened.nodes.map((n) => (n.id === 'scale' ? { ...n, position: { x: 2000, y: 0 } } : n));
    expect(definitionOfInner(saved, innerMoved, reopened.edges).definition.boundary).toEqual(saved.boundary);
    // A library record is not schema-checked: a boundary that is not two points is left out.
    const record = { ...definitionToFile(saved), boundary: { inputs: { x: 'left' }, outputs: null } } as never;
    expect(definitionFromFile('def1', record).boundary).toBeUndefined();
  });

  it('a wire to "+" becomes a port named after its field (unique), a port without wires is gone', () => {
    const inner = innerGraphOf(definition());
    const edges = [
      ...inner.edges.filter((e) => e.field !== 'factor'),
      { source: 'add', output: 'sum', target: COMPONENT_OUTPUTS_ID, field: NEW_PORT },
      { source: 'scale', output: 'product', target: COMPONENT_OUTPUTS_ID, field: NEW_PORT },
    ];
    const { definition: edited, edges: named } = definitionOfInner(definition(), inner.nodes, edges);
    expect(edited.inputs.map((i) => i.port)).toEqual(['a', 'b']);
    expect(edited.outputs.map((o) => o.port)).toEqual(['product', 'sum', 'product 2']);
    expect(named.some((e) => e.field === NEW_PORT)).toBe(false);
  });

  it('names the outer wires on ports the definition no longer has', () => {
    const edited = { ...definition(), inputs: definition().inputs.slice(0, 2) };
    const outer = [
      { source: 'k', output: 'value', target: 'calc', field: 'factor' },
      { source: 'x', output: 'value', target: 'calc', field: 'a' },
      { source: 'calc', output: 'product', target: 'out', field: 'value' },
    ];
    expect(wiresOnGonePorts(edited, new Set(['calc']), outer).map((g) => `${g.side}:${g.port}`)).toEqual(['input:factor']);
  });
});

/** A definition as a graph to edit (boundary nodes whose wires are its ports) and back. */
import { describe, expect, it } from 'vitest';
import {
  COMPONENT_INPUTS_ID,
  COMPONENT_OUTPUTS_ID,
  definitionOfInner,
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
    expect(definitionOfInner(definition(), inner.nodes, inner.edges).definition).toEqual(definition());
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

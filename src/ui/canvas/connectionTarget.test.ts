import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { closestHandle, connectionBetween, type HandleRef, type MeasuredNode } from './connectionTarget';

/** A 200 × 100 node at (x, y) with input "a" on its left edge at mid-height and output "out" on its right. */
function modelNode(id: string, x: number, y: number): MeasuredNode {
  const handle = (handleId: string, type: 'source' | 'target', hx: number) => ({
    id: handleId,
    nodeId: id,
    type,
    x: hx,
    y: 45,
    width: 10,
    height: 10,
    position: type === 'target' ? Position.Left : Position.Right,
  });
  return { id, internals: { positionAbsolute: { x, y }, handleBounds: { source: [handle('out', 'source', 195)], target: [handle('a', 'target', -5)] } } };
}

const fromOut: HandleRef = { nodeId: 'left', id: 'out', type: 'source' };
// Handle centres: left.a (0, 50), left.out (200, 50), right.a (300, 50), right.out (500, 50).
const nodes = [modelNode('left', 0, 0), modelNode('right', 300, 0)];

describe('closestHandle, React Flow’s radius rule applied at the release point', () => {
  it('finds the input whose centre is within the radius of the point', () => {
    expect(closestHandle(nodes, { x: 310, y: 60 }, 20, fromOut)).toEqual({ nodeId: 'right', id: 'a', type: 'target' });
  });

  it('finds nothing when every handle is farther than the radius', () => {
    expect(closestHandle(nodes, { x: 330, y: 50 }, 20, fromOut)).toBeNull();
  });

  it('never answers the handle the wire started from', () => {
    expect(closestHandle(nodes, { x: 200, y: 50 }, 20, fromOut)).toBeNull();
  });

  it('takes the nearer of two handles in the radius', () => {
    const tight = [modelNode('left', 0, 0), modelNode('right', 210, 0)]; // left.out (200, 50), right.a (210, 50)
    expect(closestHandle(tight, { x: 212, y: 50 }, 20, { nodeId: 'other', id: 'x', type: 'source' })).toEqual({ nodeId: 'right', id: 'a', type: 'target' });
    expect(closestHandle(tight, { x: 203, y: 50 }, 20, { nodeId: 'other', id: 'x', type: 'source' })).toEqual({ nodeId: 'left', id: 'out', type: 'source' });
  });

  it('prefers the opposite kind when two handles are equally near', () => {
    const touching = [modelNode('left', 0, 0), modelNode('right', 210, 0)]; // left.out (200, 50), right.a (210, 50)
    expect(closestHandle(touching, { x: 205, y: 50 }, 20, { nodeId: 'other', id: 'x', type: 'source' })).toEqual({ nodeId: 'right', id: 'a', type: 'target' });
    expect(closestHandle(touching, { x: 205, y: 50 }, 20, { nodeId: 'other', id: 'x', type: 'target' })).toEqual({ nodeId: 'left', id: 'out', type: 'source' });
  });

  it('skips nodes React Flow has not measured yet', () => {
    expect(closestHandle([{ id: 'new', internals: { positionAbsolute: { x: 300, y: 0 } } }], { x: 300, y: 50 }, 20, fromOut)).toBeNull();
  });
});

describe('connectionBetween', () => {
  it('puts the output first whichever end the drag started from', () => {
    const input: HandleRef = { nodeId: 'right', id: 'a', type: 'target' };
    const expected = { source: 'left', sourceHandle: 'out', target: 'right', targetHandle: 'a' };
    expect(connectionBetween(fromOut, input)).toEqual(expected);
    expect(connectionBetween(input, fromOut)).toEqual(expected);
  });

  it('asks for no handles when both ends are of one kind, so the graph check gives its reason', () => {
    expect(connectionBetween(fromOut, { nodeId: 'right', id: 'out', type: 'source' })).toEqual({
      source: 'left',
      sourceHandle: null,
      target: 'right',
      targetHandle: null,
    });
  });
});

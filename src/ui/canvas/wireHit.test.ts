import { describe, expect, it } from 'vitest';
import { wireUnder } from './wireHit';

const straight = { id: 'straight', sourceX: 0, sourceY: 100, targetX: 600, targetY: 100 };
const rising = { id: 'rising', sourceX: 0, sourceY: 400, targetX: 600, targetY: 0 };

describe('When a node is let go over wires', () => {
  it('finds the wire whose curve passes through the node, nearest its centre', () => {
    expect(wireUnder({ x: 250, y: 60, width: 200, height: 80 }, [straight, rising])).toBe('straight');
    expect(wireUnder({ x: 250, y: 160, width: 200, height: 80 }, [straight, rising])).toBe('rising');
  });

  it('a node beside every wire is over none', () => {
    expect(wireUnder({ x: 250, y: 500, width: 200, height: 80 }, [straight, rising])).toBeNull();
  });

  it('follows the curve React Flow draws, not the straight line between the ends', () => {
    const backward = { id: 'back', sourceX: 400, sourceY: 0, targetX: 0, targetY: 300 };
    // The control points sit right of the output and left of the input: a quarter along, the curve
    // is at ≈ (373, 47), while the straight line there is at x ≈ 338.
    expect(wireUnder({ x: 360, y: 35, width: 30, height: 25 }, [backward])).toBe('back');
    expect(wireUnder({ x: 320, y: 100, width: 25, height: 25 }, [backward])).toBeNull();
  });
});

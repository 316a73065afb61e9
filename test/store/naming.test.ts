import { describe, expect, it } from 'vitest';
import { uniqueId, uniqueLabel } from '../../src/store/graph/naming';

describe('A new node’s title', () => {
  it('is its base while free, then numbered from 2', () => {
    expect(uniqueLabel('Add', new Set())).toBe('Add');
    expect(uniqueLabel('Add', new Set(['Add']))).toBe('Add 2');
    expect(uniqueLabel('Add', new Set(['Add', 'Add 2']))).toBe('Add 3');
  });

  it('numbers a title that ends in a digit in brackets, so two numbers never run together', () => {
    expect(uniqueLabel('Component 1', new Set(['Component 1']))).toBe('Component 1 (2)');
    expect(uniqueLabel('Component 1', new Set(['Component 1', 'Component 1 (2)']))).toBe('Component 1 (3)');
  });
});

describe('A new node’s id', () => {
  it('is the slug of its base, numbered with a dash when taken', () => {
    expect(uniqueId('component', new Set())).toBe('component');
    expect(uniqueId('component', new Set(['component']))).toBe('component-2');
  });
});

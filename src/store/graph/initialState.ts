/**
 * The initial state's rules over the graph, pure: which steps read a slot, which names a slot may
 * take, and what renaming or deleting a slot does to the nodes that read it. Every refusal is
 * worded here; the state slice applies them.
 */
import { slotNameOf } from '../../format';
import type { JsonValue } from '../../engine';
import { modelInfo } from './catalog';
import { kindOf, slotText, type SlotKind } from './slots';
import type { EditorEdge, EditorNode } from './types';

const NAME_MAX = 200;
const RESERVED = ['__proto__', 'constructor', 'prototype'];

/** A step input bound to an initial-state slot. */
interface SlotReader {
  nodeId: string;
  label: string;
  field: string;
}

/** One row of the State panel. */
export interface SlotView {
  name: string;
  kind: SlotKind;
  /** The value as the person edits it (a summary for tables and other shown-only values). */
  text: string;
  readers: SlotReader[];
  /** Read by a step but not in the initial state (a run would fail on it). */
  missing: boolean;
}

/** Inputs that read `slot` from the initial state (a wire into the same field takes precedence). */
function readersOf(nodes: readonly EditorNode[], edges: readonly EditorEdge[], slot: string): SlotReader[] {
  const wired = new Set(edges.map((edge) => `${edge.target}\u0000${edge.targetHandle}`));
  const readers: SlotReader[] = [];
  for (const node of nodes) {
    for (const [field, name] of Object.entries(node.data.stateInputs)) {
      if (name === slot && !wired.has(`${node.id}\u0000${field}`)) readers.push({ nodeId: node.id, label: node.data.label, field });
    }
  }
  return readers;
}

/** Every slot of the initial state, in its order, then the slots steps read that it lacks. */
export function slotViews(nodes: readonly EditorNode[], edges: readonly EditorEdge[], state: Readonly<Record<string, JsonValue>>): SlotView[] {
  const views: SlotView[] = Object.entries(state).map(([name, value]) => ({
    name,
    kind: kindOf(value),
    text: slotText(value),
    readers: readersOf(nodes, edges, name),
    missing: false,
  }));
  const seen = new Set(Object.keys(state));
  for (const node of nodes) {
    for (const name of Object.values(node.data.stateInputs)) {
      if (seen.has(name)) continue;
      const readers = readersOf(nodes, edges, name);
      if (!readers.length) continue;
      seen.add(name);
      views.push({ name, kind: 'text', text: '', readers, missing: true });
    }
  }
  return views;
}

/** The node that writes state slot `slot`, if one does. */
function writerOf(nodes: readonly EditorNode[], slot: string): EditorNode | undefined {
  return nodes.find((node) => {
    const outputs = new Set([...(modelInfo(node.data.model)?.outputs ?? []).map((port) => port.name), ...Object.keys(node.data.slotNames)]);
    for (const output of node.data.missingPorts?.outputs ?? []) outputs.add(output);
    return [...outputs].some((output) => slotNameOf(node.data, output) === slot);
  });
}

/** Why `name` may not name a new (or renamed) initial slot; null when it may. */
export function slotNameProblem(nodes: readonly EditorNode[], state: Readonly<Record<string, JsonValue>>, name: string, renaming?: string): string | null {
  if (!name) return 'A state slot needs a name.';
  if (name.length > NAME_MAX) return `A state slot name must be at most ${NAME_MAX} characters.`;
  if (RESERVED.includes(name)) return `“${name}” is a reserved name.`;
  if (name !== renaming && Object.prototype.hasOwnProperty.call(state, name)) return `The initial state already has a slot “${name}”.`;
  const writer = writerOf(nodes, name);
  if (writer) return `State slot “${name}” is written by “${writer.data.label}”; an initial slot needs a name no step writes.`;
  return null;
}

/** `state` with slot `from` called `to`, in the same place. */
export function renamedSlots<T>(state: Readonly<Record<string, T>>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(state).map(([name, value]) => [name === from ? to : name, value]));
}

/** The nodes with every input bound to slot `from` bound to `to` instead (null: unbound). */
export function rebindReaders(nodes: readonly EditorNode[], from: string, to: string | null): EditorNode[] {
  return nodes.map((node) => {
    if (!Object.values(node.data.stateInputs).includes(from)) return node;
    const stateInputs: Record<string, string> = {};
    for (const [field, slot] of Object.entries(node.data.stateInputs)) {
      if (slot !== from) stateInputs[field] = slot;
      else if (to !== null) stateInputs[field] = to;
    }
    return { ...node, data: { ...node.data, stateInputs } };
  });
}

/** Why `name` may not name a saved state; null when it may (saving over a name replaces that state). */
export function savedStateNameProblem(name: string): string | null {
  if (!name) return 'A saved state needs a name.';
  if (name.length > NAME_MAX) return `A saved state's name must be at most ${NAME_MAX} characters.`;
  if (RESERVED.includes(name)) return `“${name}” is a reserved name.`;
  return null;
}

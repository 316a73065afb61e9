/**
 * The editor's edit rules, pure over nodes and edges: each returns null when the edit may go
 * ahead, else why not in words. Every refusal and note the graph store shows is worded here.
 */
import { slotNameOf, wouldCloseCycle, type GraphNodeSpec, type GraphEdgeSpec, type ImportProblem } from '../../format';
import { article, modelInfo, typeMismatch } from './catalog';
import { portForWire } from './modelSearch';
import type { ConnectionCheck, ConnectionRequest, EditorEdge, EditorNode } from './types';

const RESERVED_SLOT_NAMES = ['__proto__', 'constructor', 'prototype'];

function nodeName(node: EditorNode): string {
  return `"${node.data.label}"`;
}

/** Why `label` may not title node `nodeId` (null: it may). */
export function labelProblem(nodes: readonly EditorNode[], nodeId: string, label: string): string | null {
  if (!label) return 'A title must not be empty.';
  if (label.length > 200) return 'A title must be at most 200 characters.';
  const clash = nodes.find((n) => n.id !== nodeId && n.data.label === label);
  if (clash) return `Another node is already called "${label}"; titles name state slots, so they must differ.`;
  return null;
}

/** Why output `output` of node `nodeId` may not write state slot `slot` (null: it may; empty: the default name). */
export function slotNameProblem(nodes: readonly EditorNode[], nodeId: string, output: string, slot: string): string | null {
  if (!nodes.some((n) => n.id === nodeId)) return `No node "${nodeId}".`;
  if (!slot) return null;
  if (RESERVED_SLOT_NAMES.includes(slot)) return `"${slot}" is a reserved name.`;
  const clash = nodes.find((other) => {
    const outputs = new Set([...(modelInfo(other.data.model)?.outputs ?? []).map((p) => p.name), ...Object.keys(other.data.slotNames)]);
    return [...outputs].some((o) => !(other.id === nodeId && o === output) && slotNameOf(other.data, o) === slot);
  });
  return clash ? `State slot "${slot}" is already written by ${nodeName(clash)}.` : null;
}

/** Whether a wire may go from the request's output to its input, and which edge it would replace. */
export function checkConnection(
  nodes: readonly EditorNode[],
  edges: readonly EditorEdge[],
  { source, sourceHandle, target, targetHandle }: ConnectionRequest,
): ConnectionCheck {
  const from = nodes.find((n) => n.id === source);
  const to = nodes.find((n) => n.id === target);
  if (!from || !to || !sourceHandle || !targetHandle) return { ok: false, reason: 'Connect an output (right side) to an input (left side).' };
  if (modelInfo(to.data.model)?.category === 'input')
    return { ok: false, reason: `Cannot connect into ${nodeName(to)}: an input model takes its value from the inspector, not from a wire.` };
  const mismatch = typeMismatch(from.data.model, sourceHandle, to.data.model, targetHandle);
  if (mismatch) return { ok: false, reason: `Cannot connect ${nodeName(from)} to ${nodeName(to)}: ${mismatch}.` };
  const existing = edges.find((e) => e.target === target && e.targetHandle === targetHandle) ?? null;
  const others = existing ? edges.filter((e) => e !== existing) : edges;
  if (wouldCloseCycle(source, target, others)) {
    return {
      ok: false,
      reason: `Cannot connect ${nodeName(from)} to ${nodeName(to)}: the edge would close a cycle (${nodeName(to)} already feeds ${nodeName(from)}).`,
    };
  }
  if (existing && existing.source === source && existing.sourceHandle === sourceHandle) return { ok: false, reason: 'Those two are already connected.' };
  return { ok: true, replaces: existing };
}

/** The note after a wire replaced the one an input had. */
export function replacedEdgeNote(nodes: readonly EditorNode[], added: GraphEdgeSpec, replaced: EditorEdge): string {
  const label = (id: string) => nodes.find((n) => n.id === id)?.data.label ?? id;
  return `Replaced the edge into "${label(added.target)}".${added.field}: an input takes one edge, so the one from "${label(replaced.source)}".${replaced.sourceHandle} was removed.`;
}

export const IMPORT_REFUSED = 'The file was not imported; nothing changed.';

/** Notes about an imported graph: wires the canvas would refuse, and code that stays disabled until trusted. */
export function importNotes(graph: { nodes: readonly GraphNodeSpec[]; edges: readonly GraphEdgeSpec[] }): ImportProblem[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const wrongWires = graph.edges.flatMap((edge) => {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    const why = from && to ? typeMismatch(from.model, edge.output, to.model, edge.field) : null;
    return why
      ? [
          {
            stepId: edge.target,
            message: `Step "${edge.target}" reads "${edge.field}" from step "${edge.source}", but ${why}; the canvas would refuse this wire, and the step will fail until you rewire it.`,
          },
        ]
      : [];
  });
  const untrusted = graph.nodes
    .filter((n) => n.untrusted)
    .map((n) => ({ stepId: n.id, message: `Step "${n.id}" runs code from the file; it stays disabled until you trust it in the inspector.` }));
  return [...wrongWires, ...untrusted];
}

/** The title of the notice after an import. */
export function importedTitle(fileName: string, savedAs: string, hasNotes: boolean): string {
  const what = `Imported "${fileName}" as a new workflow${savedAs === fileName ? '' : ` named "${savedAs}" (a workflow already had that name)`}`;
  return hasNotes ? `${what}, with notes:` : `${what}.`;
}

export type InsertCheck = { ok: true; input: string; output: string } | { ok: false; reason: string };

/**
 * Whether node `nodeId`, dropped onto wire `edge`, may go in between: one of its inputs takes what the
 * wire carries and one of its outputs fits the field the wire feeds (exact types first).
 */
export function checkInsertOnWire(nodes: readonly EditorNode[], edge: EditorEdge, nodeId: string): InsertCheck {
  const node = nodes.find((n) => n.id === nodeId);
  const from = nodes.find((n) => n.id === edge.source);
  const to = nodes.find((n) => n.id === edge.target);
  const info = node && modelInfo(node.data.model);
  if (!node || !from || !to || !info) return { ok: false, reason: 'That node cannot go on a wire: its model is missing.' };
  const carried = modelInfo(from.data.model)?.outputs.find((p) => p.name === edge.sourceHandle)?.type ?? 'any';
  const wanted = modelInfo(to.data.model)?.inputs.find((p) => p.name === edge.targetHandle)?.type ?? 'any';
  const onWire = `${nodeName(node)} was not put on the wire from ${nodeName(from)} to ${nodeName(to)}`;
  if (info.category === 'input') return { ok: false, reason: `${onWire}: an input model takes its value from the inspector, not from a wire.` };
  const input = portForWire(info, { type: carried, from: 'output' });
  if (!input) return { ok: false, reason: `${onWire}: none of its inputs takes ${article(carried)}, which the wire carries.` };
  const output = portForWire(info, { type: wanted, from: 'input' });
  if (!output) return { ok: false, reason: `${onWire}: none of its outputs gives ${article(wanted)}, which field "${edge.targetHandle}" takes.` };
  return { ok: true, input, output };
}

/** The note after a node went onto a wire. */
export function insertedNote(nodes: readonly EditorNode[], nodeId: string, edge: EditorEdge): string {
  const label = (id: string) => nodes.find((n) => n.id === id)?.data.label ?? id;
  return `Put "${label(nodeId)}" on the wire from "${label(edge.source)}" to "${label(edge.target)}".`;
}

/** Why the selection may not become a component (null: it may); the format's `makeComponent` words the rest. */
export function makeComponentProblem(selectedCount: number): string | null {
  return selectedCount < 2 ? 'Select two or more nodes to make a component (Shift+click or drag a box around them).' : null;
}

/** Why a palette entry may not be placed: its definition is gone from the library. */
export function missingComponentProblem(definitionId: string): string {
  return `Component "${definitionId}" is not in this workspace's library any more.`;
}

/** The note after an instance was expanded. */
export function expandedNote(label: string, count: number): string {
  return `Expanded "${label}" into its ${count} nodes; the component stays in the palette under "Components".`;
}

/** A component cannot be placed or made inside a definition that is open (components do not nest). */
export const COMPONENT_IN_DEFINITION =
  'Components cannot go inside a component: go back to the workflow (the breadcrumb above the canvas) to place or make one.';

/** One outer wire whose instance port is gone from the definition, short: the notice's title says what to do. */
export function gonePortItem(instanceLabel: string, port: string, side: 'input' | 'output', otherLabel: string): string {
  return side === 'input' ? `"${otherLabel}" → "${instanceLabel}".${port}` : `"${instanceLabel}".${port} → "${otherLabel}"`;
}

/** The title of the notice listing those wires: which ports went, and what to do about their wires. */
export function gonePortsTitle(name: string, ports: readonly string[], wires: number): string {
  const quoted = ports.map((port) => `"${port}"`);
  const which = quoted.length === 1 ? `port ${quoted[0]}` : `ports ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  const again = ports.length === 1 ? quoted[0] : 'them';
  return wires === 1
    ? `The edit of "${name}" removed ${which}, which a wire uses. It is kept, marked on the node: delete it, or wire ${again} again inside the component.`
    : `The edit of "${name}" removed ${which}, which ${wires} wires use. They are kept, marked on the nodes: delete them, or wire ${again} again inside the component.`;
}

/** Why Run refuses a graph with a wire on a gone port. */
export function gonePortRunProblem(instanceLabel: string, port: string): string {
  return `"${instanceLabel}" has a wire on port "${port}", which its component no longer has: delete that wire, or wire "${port}" again inside the component.`;
}

/** The note after a library component was deleted. */
export function deletedComponentNote(name: string, instances: number): string {
  return instances
    ? `Deleted component "${name}" from the library; its ${instances === 1 ? 'instance stays, shown' : `${instances} instances stay, shown`} as missing until deleted.`
    : `Deleted component "${name}" from the library.`;
}

/** The question before deleting a library component, naming the workflows that use it. */
export function deleteComponentQuestion(name: string, uses: readonly { workflow: string; count: number }[]): string {
  if (!uses.length) return `Delete the component “${name}” from the library?`;
  const where = uses.map((use) => `“${use.workflow}” (${use.count})`).join(', ');
  return `Delete the component “${name}” from the library? It is used in ${where}: those instances will show as missing and cannot run until you delete them.`;
}

/** Notes and groups belong to the workflow, not to a component's definition. */
export const NOTES_IN_DEFINITION = 'Notes and groups belong to the workflow: go back to it (the breadcrumb above the canvas) to add one.';

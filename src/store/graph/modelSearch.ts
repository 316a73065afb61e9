/**
 * The canvas's model search (double-click, Space, or a wire dropped on empty canvas): which models
 * match typed words, best first, and for a dropped wire only those with a port the wire fits.
 */
import { isCompatible, type ModelInfo, type PortInfo, type PortType } from '../../models/catalog';
import { MODEL_KEYWORDS } from '../../models/keywords';
import { modelInfo } from './catalog';

/** The end of a wire dropped on empty canvas: its type, and whether it leaves an output or an input. */
export interface WireEnd {
  type: PortType;
  /** `output`: the wire comes out of an output, so the new model must take it on an input. */
  from: 'output' | 'input';
}

export interface ModelMatch {
  model: ModelInfo;
  /** The new node's port the wire joins (null when no wire is dropped). */
  port: string | null;
}

/** The port of `model` a wire of `wire` joins: a data port before a setting, an exact type before a looser one. */
export function portForWire(model: ModelInfo, wire: WireEnd): string | null {
  let ports: PortInfo[];
  let fits: (port: PortInfo) => boolean;
  if (wire.from === 'output') {
    // An input model takes its value from the inspector, never from a wire.
    if (model.category === 'input') return null;
    ports = model.inputs;
    fits = (port) => isCompatible(wire.type, port.type);
  } else {
    ports = model.outputs;
    fits = (port) => isCompatible(port.type, wire.type);
  }
  // Data ports (no default) before settings, then the exact type before a looser one.
  const order = (port: PortInfo) => (port.hasDefault || port.optional ? 2 : 0) + (port.type === wire.type ? 0 : 1);
  const fitting = ports.filter(fits).sort((a, b) => order(a) - order(b));
  return fitting[0]?.name ?? null;
}

/** How well `words` match a model: lower is better (a title starting with the word best), null when a word matches nowhere. */
function rank(model: ModelInfo, words: readonly string[]): number | null {
  const title = model.title.toLowerCase();
  const fields = [title, model.id.toLowerCase(), (MODEL_KEYWORDS[model.id] ?? '').toLowerCase(), model.description.toLowerCase()];
  let worst = -1;
  for (const word of words) {
    const where = title.startsWith(word) ? -1 : fields.findIndex((field) => field.includes(word));
    if (where === -1 && !title.startsWith(word)) return null;
    worst = Math.max(worst, where);
  }
  return worst;
}

/**
 * The models whose title, id, keywords or description contain every typed word (case ignored),
 * titles first; with a wire, only models it can join, each with the port it joins.
 */
export function searchModels(models: readonly ModelInfo[], query: string, wire: WireEnd | null = null): ModelMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: { match: ModelMatch; rank: number; order: number }[] = [];
  models.forEach((model, order) => {
    const port = wire ? portForWire(model, wire) : null;
    if (wire && port === null) return;
    const score = words.length ? rank(model, words) : 0;
    if (score !== null) found.push({ match: { model, port }, rank: score, order });
  });
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order).map((entry) => entry.match);
}

/** What a wire starting at `handle` of a `modelId` node carries (a source handle is an output); null for an unknown port. */
export function wireEndOf(modelId: string, handle: string, from: WireEnd['from']): WireEnd | null {
  const info = modelInfo(modelId);
  const port = (from === 'output' ? info?.outputs : info?.inputs)?.find((p) => p.name === handle);
  return port ? { type: port.type, from } : null;
}

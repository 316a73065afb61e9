/**
 * The component library as the editor uses it: the ports of instance nodes (for saving, opening and
 * drawing them) and the records the workspace keeps. Definitions are stored as the export file spells
 * them, so the library and a `.swark.json` hold the same shape.
 */
import {
  ComponentError,
  componentIdOf,
  componentPorts,
  definitionFromFile,
  definitionToFile,
  flattenComponents,
  type ComponentDefinition,
  type ComponentDefinitionFile,
  type ComponentLibrary,
  type PortsOf,
  type WorkflowGraph,
  wiresOnGonePorts,
} from '../../format';
import type { ComponentRecord } from '../../persistence/types';
import { portsOf } from './catalog';
import { gonePortRunProblem } from './rules';

const portsMemo = new WeakMap<ComponentLibrary, PortsOf>();

/** `portsOf` that also knows the instance nodes of `library`'s components. */
export function portsWith(library: ComponentLibrary): PortsOf {
  let ports = portsMemo.get(library);
  if (!ports) {
    ports = (model) => {
      const id = componentIdOf(model);
      if (id === null) return portsOf(model);
      const definition = library[id];
      return definition ? componentPorts(definition) : null;
    };
    portsMemo.set(library, ports);
  }
  return ports;
}

/** The workspace's records as a library (a record that does not read as a definition is left out). */
export function libraryOfRecords(records: readonly ComponentRecord[]): ComponentLibrary {
  const library: Record<string, ComponentDefinition> = {};
  for (const record of records) {
    const file = record.definition as unknown as ComponentDefinitionFile;
    if (!Array.isArray(file.nodes) || !Array.isArray(file.edges) || !Array.isArray(file.inputs) || !Array.isArray(file.outputs)) continue;
    library[record.id] = definitionFromFile(record.id, { ...file, name: record.name });
  }
  return library;
}

export function componentRecord(definition: ComponentDefinition, createdAt: number, now: number): ComponentRecord {
  return {
    id: definition.id,
    name: definition.name,
    definition: definitionToFile(definition) as unknown as ComponentRecord['definition'],
    createdAt,
    updatedAt: now,
  };
}

/** The graph with its instances replaced by their inner steps (`<instance>/<inner>`), as Run compiles it; a problem as an Error in words. */
export function flattenedForRun(graph: WorkflowGraph, library: ComponentLibrary): WorkflowGraph {
  // A wire on a port the definition lost would vanish in the flattening: Run says so instead.
  for (const node of graph.nodes) {
    const definition = library[componentIdOf(node.model) ?? ''];
    const gone = definition && wiresOnGonePorts(definition, new Set([node.id]), graph.edges)[0];
    if (gone) throw new Error(gonePortRunProblem(node.label, gone.port));
  }
  try {
    return flattenComponents(graph, library);
  } catch (error) {
    if (error instanceof ComponentError) throw new Error(error.message, { cause: error });
    throw error;
  }
}

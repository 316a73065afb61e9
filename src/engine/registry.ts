/**
 * The model registry, apart from `defineModel` (which needs zod): the editor reads and watches the
 * registry before the model library and its schemas have loaded.
 */
import type { ModelDefinition } from './model';

export class UnknownModelError extends Error {
  constructor(
    readonly modelId: string,
    known: string[],
  ) {
    const hint = known.length ? ` Known models: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.` : '';
    super(`unknown model id "${modelId}".${hint}`);
    this.name = 'UnknownModelError';
  }
}

/** A set of model definitions by id. */
export class ModelRegistry {
  private readonly models = new Map<string, ModelDefinition>();
  private readonly listeners = new Set<() => void>();

  register(definition: ModelDefinition): ModelDefinition {
    this.models.set(definition.id, definition);
    for (const listener of this.listeners) listener();
    return definition;
  }

  unregister(id: string): boolean {
    const removed = this.models.delete(id);
    if (removed) for (const listener of this.listeners) listener();
    return removed;
  }

  get(id: string): ModelDefinition {
    const definition = this.models.get(id);
    if (!definition) throw new UnknownModelError(id, [...this.models.keys()]);
    return definition;
  }

  has(id: string): boolean {
    return this.models.has(id);
  }

  list(): ModelDefinition[] {
    return [...this.models.values()];
  }

  /** Calls `listener` whenever a model is registered or removed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The default registry; importing `src/models` fills it with the built-in library. */
export const registry = new ModelRegistry();

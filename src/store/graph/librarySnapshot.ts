/**
 * What the model library and the applications describe, as data: every model's ports (as
 * `describeModel` gives them, less each port's description and JSON Schema: only the inspector's
 * forms read those, and they wait for the library) and the application templates. The editor draws its palette, its
 * nodes and its template menu from this until the library, with zod and every model's schemas,
 * has loaded after the first paint; the live registry wins from then on.
 *
 * `librarySnapshot.json` is written by `UPDATE_SNAPSHOT=1 npx vitest run test/store/librarySnapshot.test.ts`,
 * and that test fails while it differs from what the library describes.
 */
import type { ModelInfo, PortInfo } from '../../models/catalog';
import type { WorkflowBody } from '../../format';
import snapshot from './librarySnapshot.json';

export interface SnapshotTemplate {
  id: string;
  name: string;
  title: string;
  description: string;
  body: WorkflowBody;
}

/** A port as the snapshot keeps it. */
type SnapshotPort = Omit<PortInfo, 'description' | 'jsonSchema'>;

export interface LibrarySnapshot {
  models: (Omit<ModelInfo, 'inputs' | 'outputs'> & { inputs: SnapshotPort[]; outputs: SnapshotPort[] })[];
  templates: SnapshotTemplate[];
}

export const librarySnapshot = snapshot as unknown as LibrarySnapshot;

/** Empty text and an empty schema stand for what the snapshot leaves out. */
const withSchema = (port: SnapshotPort): PortInfo => ({ ...port, description: '', jsonSchema: {} });

const byId = new Map<string, ModelInfo>(
  librarySnapshot.models.map((info) => [info.id, { ...info, inputs: info.inputs.map(withSchema), outputs: info.outputs.map(withSchema) }]),
);

/** A model's description from the snapshot, or null for a model the library does not have. */
export function snapshotModelInfo(modelId: string): ModelInfo | null {
  return byId.get(modelId) ?? null;
}

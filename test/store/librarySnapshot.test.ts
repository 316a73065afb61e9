import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../../src/models';
import '../../src/apps';
import { registry } from '../../src/engine';
import { describeModel, type PortInfo } from '../../src/models';
import { applicationTemplateSource } from '../../src/store/graph/templateSource';
import type { LibrarySnapshot } from '../../src/store/graph/librarySnapshot';

const FILE = new URL('../../src/store/graph/librarySnapshot.json', import.meta.url);

const withoutSchema = ({ description: _description, jsonSchema: _schema, ...port }: PortInfo) => port;

async function live(): Promise<LibrarySnapshot> {
  const models = registry
    .list()
    .map(describeModel)
    .map((info) => ({ ...info, inputs: info.inputs.map(withoutSchema), outputs: info.outputs.map(withoutSchema) }));
  // Through JSON, as the snapshot file holds it.
  return JSON.parse(JSON.stringify({ models, templates: await applicationTemplateSource() })) as LibrarySnapshot;
}

describe('The library snapshot the editor draws from before the model library loads', () => {
  it('is what the models and the applications describe (UPDATE_SNAPSHOT=1 rewrites it)', async () => {
    const current = await live();
    if (process.env.UPDATE_SNAPSHOT) {
      // Written as the format check wants it.
      const prettier = await import('prettier');
      const filepath = fileURLToPath(FILE);
      writeFileSync(FILE, await prettier.format(JSON.stringify(current), { ...(await prettier.resolveConfig(filepath)), filepath }));
    }
    const saved = JSON.parse(readFileSync(FILE, 'utf8')) as LibrarySnapshot;
    const stale = 'src/store/graph/librarySnapshot.json is stale: UPDATE_SNAPSHOT=1 npx vitest run test/store/librarySnapshot.test.ts';
    expect(
      saved.models.map((m) => m.id),
      stale,
    ).toEqual(current.models.map((m) => m.id));
    expect(saved, stale).toEqual(current);
  });
});

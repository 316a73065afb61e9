import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workflowFileJsonSchema } from '../../src/format';

const PATH = 'docs/workflow-format.schema.json';

describe('The published JSON Schema', () => {
  it("is the one generated from the importer's zod schema (UPDATE_SCHEMA=1 rewrites it)", () => {
    const generated = `${JSON.stringify(workflowFileJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(PATH, generated);
    expect(readFileSync(PATH, 'utf8')).toBe(generated);
  });
});

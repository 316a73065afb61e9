/**
 * Regenerates `data/*.ts` from the vega-datasets package: `npx tsx src/models/input/samples/generate.ts`.
 * The package exports only a URL index, and `?raw` imports work under Vite but not under Node (tsx, the
 * CLI), so each dataset becomes a plain module holding its text; `samples.test.ts` checks they still
 * match the package byte for byte (JSON is only re-serialised without whitespace).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SAMPLE_FILES } from './names';

const source = new URL('../../../../node_modules/vega-datasets/data/', import.meta.url);
for (const [name, file] of Object.entries(SAMPLE_FILES)) {
  const raw = readFileSync(new URL(file, source), 'utf8');
  const text = file.endsWith('.json') ? JSON.stringify(JSON.parse(raw)) : raw;
  const body = `// Generated from vega-datasets/data/${file} by generate.ts; do not edit.\nexport default ${JSON.stringify(text)};\n`;
  writeFileSync(new URL(`data/${name}.ts`, import.meta.url), body);
}

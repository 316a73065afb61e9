// Runs every benchmark and prints each figure beside its same-run baseline.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let failed = false;
for (const file of files) {
  console.log(`\n### ${file}`);
  const result = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

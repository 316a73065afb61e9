#!/usr/bin/env node
// The `swark` command. The sources are TypeScript, loaded through tsx (a dependency), so the
// command works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { processIO } = await import('../src/cli/io.ts');
process.exitCode = await main(process.argv.slice(2), processIO());

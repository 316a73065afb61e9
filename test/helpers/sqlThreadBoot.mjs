// Starts a worker thread of sql.query (see sqlThreads.ts): the sources are TypeScript, loaded
// through tsx as bin/swark.mjs does (an `--import` flag does not reach a worker thread).
import { register } from 'tsx/esm/api';

register();
await import('./sqlThreadEntry.ts');

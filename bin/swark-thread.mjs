// A worker thread of `swark sweep --jobs N`: the sources are TypeScript, loaded through tsx as
// bin/swark.mjs does (an `--import` flag does not reach a worker thread).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/sweep/thread.ts');

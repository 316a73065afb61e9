/**
 * The model library and the applications: importing this registers every built-in model (with its
 * zod schemas), the apps' own steps and the `app://` references. The editor loads it right after its
 * first paint and draws from the library snapshot until then (see `store/graph/librarySnapshot.ts`).
 */
import '../models';
import '../apps';

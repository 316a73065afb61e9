/**
 * Browser-only: tells the engine where Vite serves sql.js's wasm. Import only in the page or a
 * Worker (under Node the `?url` import is not a file; the engine's default loader works there).
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { configureSqlJs } from '../engine';

export function installBrowserSqlJs(): void {
  configureSqlJs(() => initSqlJs({ locateFile: () => wasmUrl }));
}

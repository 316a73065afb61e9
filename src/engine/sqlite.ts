import type { SqlJsStatic } from 'sql.js';

/**
 * How the engine gets sql.js. In Node the package finds its wasm beside itself; the browser
 * build must say where the wasm is served, so the app calls {@link configureSqlJs} at start.
 */
type SqlJsLoader = () => Promise<SqlJsStatic>;

let loader: SqlJsLoader = async () => {
  const module = await import('sql.js');
  return module.default();
};
let loaded: Promise<SqlJsStatic> | null = null;

export function configureSqlJs(load: SqlJsLoader): void {
  loader = load;
  loaded = null;
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  loaded ??= loader().catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

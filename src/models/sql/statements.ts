/**
 * Which statements a query may run. Every run gets a fresh in-memory database; ATTACH, DETACH,
 * VACUUM INTO and setting a PRAGMA would reach files (or settings) that outlive the run.
 */

/** PRAGMAs that only read (the function form names what they read, e.g. `table_info(a)`). */
const READING_PRAGMAS = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'function_list',
  'pragma_list',
  'collation_list',
  'compile_options',
]);

/** The statement's text without leading comments and blanks, upper-cased keywords first. */
function leadingWords(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '').replace(/^EXPLAIN(?:\s+QUERY\s+PLAN)?\s+/i, '');
}

/** Why a statement may not run (null: it may). */
export function refusedStatement(sql: string): string | null {
  const text = leadingWords(sql);
  const keyword = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase();
  if (keyword === 'ATTACH' || keyword === 'DETACH')
    return `${keyword} is not allowed: a query sees only its tables a, b and c, in a database that starts empty on every run`;
  if (keyword === 'VACUUM' && /\bINTO\b/i.test(text)) return 'VACUUM INTO is not allowed: a query writes no files';
  if (keyword === 'PRAGMA') {
    const pragma = /^PRAGMA\s+(?:"?(\w+)"?\.)?"?(\w+)"?\s*(=|\()?/i.exec(text);
    const name = pragma?.[2]?.toLowerCase() ?? '';
    const writes = pragma?.[3] === '=' || (pragma?.[3] === '(' && !READING_PRAGMAS.has(name));
    if (writes) return `setting PRAGMA ${name} is not allowed: a query may read pragmas such as table_info(a), not change how SQLite runs`;
  }
  return null;
}

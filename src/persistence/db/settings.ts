/** The `settings` table: the workspace's settings by key, each a JSON value; a missing one has its default. */
import type { Database } from 'sql.js';
import type { WorkspaceSettings } from '../types';
import { DEFAULT_PANELS, readPanelLayout, type PanelLayout } from './panelLayout';
import { rows } from './sql';

export const DEFAULT_SETTINGS: Readonly<WorkspaceSettings> = {
  extractsPerStep: 8,
  cacheBudgetBytes: null,
  runsPerWorkflow: 200,
  openWorkflowId: null,
  panels: DEFAULT_PANELS,
};

/** The smallest cache budget one may set: below it nothing but the last run's entries could stay. */
const MIN_CACHE_BUDGET_BYTES = 1024;

const wholeIn = (value: unknown, low: number, high: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;

/** Each setting: how a stored value is checked (a value that fails is ignored for the default), and what it takes, in words. */
const CHECKS: { [K in keyof WorkspaceSettings]: { check: (value: unknown) => value is WorkspaceSettings[K]; takes: string } } = {
  extractsPerStep: { check: (value): value is number => wholeIn(value, 1, 1000), takes: 'give a whole number from 1 to 1000' },
  cacheBudgetBytes: {
    check: (value): value is number | null => value === null || wholeIn(value, MIN_CACHE_BUDGET_BYTES, Number.MAX_SAFE_INTEGER),
    takes: 'give a size of at least 1 KB, or none for the default',
  },
  runsPerWorkflow: { check: (value): value is number => wholeIn(value, 1, 100_000), takes: 'give a whole number from 1 to 100000' },
  openWorkflowId: {
    check: (value): value is string | null => value === null || (typeof value === 'string' && value.length > 0 && value.length <= 200),
    takes: 'give a workflow id',
  },
  // Any version the app can read; readers migrate it with readPanelLayout.
  panels: { check: (value): value is PanelLayout => readPanelLayout(value) !== null, takes: 'give a panel layout' },
};

const checkOf = (key: string) => (CHECKS as Record<string, { check: (value: unknown) => boolean; takes: string } | undefined>)[key];

export function readSettings(db: Database): WorkspaceSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows(db, 'SELECT key, value FROM settings')) {
    const key = String(row.key);
    let value: unknown;
    try {
      value = JSON.parse(String(row.value));
    } catch {
      continue;
    }
    if (checkOf(key)?.check(value)) settings[key] = value;
  }
  return settings as unknown as WorkspaceSettings;
}

/** Why `change` cannot be stored, in words; null when it can. */
export function settingsProblem(change: Partial<WorkspaceSettings>): string | null {
  for (const [key, value] of Object.entries(change)) {
    const rule = checkOf(key);
    if (!rule) return `There is no setting “${key}”.`;
    if (!rule.check(value)) return `Setting “${key}” cannot be ${JSON.stringify(value)}: ${rule.takes}.`;
  }
  return null;
}

/** Stores the given settings; throws, in words, for a value a setting does not take. */
export function writeSettings(db: Database, change: Partial<WorkspaceSettings>): void {
  const problem = settingsProblem(change);
  if (problem) throw new Error(problem);
  for (const [key, value] of Object.entries(change)) db.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [key, JSON.stringify(value)]);
}

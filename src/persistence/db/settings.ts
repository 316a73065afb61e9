/** The `settings` table: the workspace's settings by key, each a JSON value; a missing one has its default. */
import type { Database } from 'sql.js';
import type { WorkspaceSettings } from '../types';
import { DEFAULT_PANELS, readPanelLayout, type PanelLayout } from './panelLayout';
import { rows } from './sql';

export const DEFAULT_SETTINGS: Readonly<WorkspaceSettings> = { extractsPerStep: 8, panels: DEFAULT_PANELS };

/** Each setting: how a stored value is checked (a value that fails is ignored for the default). */
const CHECKS: { [K in keyof WorkspaceSettings]: (value: unknown) => value is WorkspaceSettings[K] } = {
  extractsPerStep: (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1000,
  // Any version the app can read; readers migrate it with readPanelLayout.
  panels: (value): value is PanelLayout => readPanelLayout(value) !== null,
};

export function readSettings(db: Database): WorkspaceSettings {
  const settings: WorkspaceSettings = { ...DEFAULT_SETTINGS };
  for (const row of rows(db, 'SELECT key, value FROM settings')) {
    const key = String(row.key) as keyof WorkspaceSettings;
    const check = CHECKS[key];
    let value: unknown;
    try {
      value = JSON.parse(String(row.value));
    } catch {
      continue;
    }
    if (check?.(value)) (settings as Record<keyof WorkspaceSettings, unknown>)[key] = value;
  }
  return settings;
}

/** Why `change` cannot be stored, in words; null when it can. */
export function settingsProblem(change: Partial<WorkspaceSettings>): string | null {
  for (const [key, value] of Object.entries(change)) {
    const check = (CHECKS as Record<string, (value: unknown) => boolean>)[key];
    if (!check) return `There is no setting “${key}”.`;
    if (!check(value)) return `Setting “${key}” cannot be ${JSON.stringify(value)}${key === 'extractsPerStep' ? ': give a whole number from 1 to 1000' : ''}.`;
  }
  return null;
}

/** Stores the given settings; throws, in words, for a value a setting does not take. */
export function writeSettings(db: Database, change: Partial<WorkspaceSettings>): void {
  const problem = settingsProblem(change);
  if (problem) throw new Error(problem);
  for (const [key, value] of Object.entries(change)) db.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [key, JSON.stringify(value)]);
}

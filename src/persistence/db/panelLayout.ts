/**
 * The editor's panel sizes, kept in the workspace's `panels` setting so they survive a reload: the
 * models column (left), the inspector column (right), each with its width and whether it is
 * collapsed, and the bottom dock with its height and whether it is open. The value carries a
 * version; an older one is brought up to date by `MIGRATIONS`, one a newer app wrote is ignored
 * (the defaults apply, and the next change writes this version).
 */
export interface PanelLayout {
  version: typeof PANEL_LAYOUT_VERSION;
  palette: { width: number; collapsed: boolean };
  side: { width: number; collapsed: boolean };
  dock: { height: number; open: boolean };
}

const PANEL_LAYOUT_VERSION = 1;

export const DEFAULT_PANELS: Readonly<PanelLayout> = {
  version: PANEL_LAYOUT_VERSION,
  palette: { width: 250, collapsed: false },
  side: { width: 320, collapsed: false },
  dock: { height: 360, open: true },
};

/** The sizes a stored value may hold (CSS pixels); the screen may allow less, which the editor clamps to. */
export const PANEL_LIMITS = { width: { min: 180, max: 640 }, height: { min: 140, max: 1600 } } as const;

/** Each step turns version n into version n + 1 (none yet: version 1 is the first). */
const MIGRATIONS: Record<number, (value: Record<string, unknown>) => Record<string, unknown>> = {};

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const size = (value: unknown, limits: { min: number; max: number }, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.round(Math.min(limits.max, Math.max(limits.min, value))) : fallback;
const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);

/**
 * The stored value as this version's layout: migrated when older, each part checked (a missing or
 * wrong part has its default, sizes are kept within `PANEL_LIMITS`). Null when it is no layout at all
 * or one of a newer version.
 */
export function readPanelLayout(value: unknown): PanelLayout | null {
  let stored = record(value);
  if (!stored || typeof stored.version !== 'number' || !Number.isInteger(stored.version)) return null;
  for (let version = stored.version; version < PANEL_LAYOUT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) return null;
    stored = step(stored);
  }
  if (stored.version !== PANEL_LAYOUT_VERSION) return null;
  const part = (name: string) => record(stored[name]) ?? {};
  const [palette, side, dock] = [part('palette'), part('side'), part('dock')];
  return {
    version: PANEL_LAYOUT_VERSION,
    palette: { width: size(palette.width, PANEL_LIMITS.width, DEFAULT_PANELS.palette.width), collapsed: flag(palette.collapsed, false) },
    side: { width: size(side.width, PANEL_LIMITS.width, DEFAULT_PANELS.side.width), collapsed: flag(side.collapsed, false) },
    dock: { height: size(dock.height, PANEL_LIMITS.height, DEFAULT_PANELS.dock.height), open: flag(dock.open, true) },
  };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_PANELS, readPanelLayout } from '../../src/persistence/db/panelLayout';
import { makeStudio, memoryWorkspace } from '../helpers/studio';

describe('When the panel layout is read from the workspace', () => {
  it('a stored version 1 value comes back as it was', () => {
    const stored = { version: 1, palette: { width: 300, collapsed: true }, side: { width: 400, collapsed: false }, dock: { height: 200, open: false } };
    expect(readPanelLayout(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });

  it('a wrong or missing part has its default, and sizes stay within the limits', () => {
    expect(readPanelLayout({ version: 1, palette: { width: 'wide' }, side: { width: 5000, collapsed: 'yes' }, dock: null })).toEqual({
      version: 1,
      palette: DEFAULT_PANELS.palette,
      side: { width: 640, collapsed: false },
      dock: DEFAULT_PANELS.dock,
    });
  });

  it('no layout at all, or a version a newer app wrote, is not read (the defaults apply)', () => {
    for (const value of [null, 3, 'panels', [], {}, { version: '1' }, { version: 2, palette: { width: 300 } }, { version: 0 }])
      expect(readPanelLayout(value)).toBeNull();
  });
});

describe('When a person resizes and collapses panels', () => {
  it('the workspace keeps them: a new studio over the same workspace opens with them', async () => {
    const workspace = memoryWorkspace();
    const first = makeStudio({ workspace });
    await first.start();
    const layout = first.layout.getState();
    layout.setWidth('palette', 310);
    layout.save();
    layout.setCollapsed('side', true);
    layout.setDockHeight(222);
    layout.setDockOpen(false);
    expect(workspace.settings().panels).toEqual({
      version: 1,
      palette: { width: 310, collapsed: false },
      side: { width: 320, collapsed: true },
      dock: { height: 222, open: false },
    });
    await workspace.flush();

    const again = makeStudio({ workspace });
    await again.start();
    expect(again.layout.getState()).toMatchObject({ palette: { width: 310, collapsed: false }, side: { collapsed: true }, dock: { height: 222, open: false } });
  });

  it('a value the settings check refuses is not stored', () => {
    const workspace = memoryWorkspace();
    expect(workspace.changeSettings({ panels: { version: 9 } as never })).toMatch(/panels/);
  });
});

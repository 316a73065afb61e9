/** The editor's keyboard shortcuts, listed in the help dialog and bound by `useShortcuts`. */
export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Enter', action: 'Run: start from a fresh state; unchanged steps reuse their cached results' },
  { keys: 'Ctrl+Shift+Enter', action: 'Rerun: replay against the state the last run left, with the current toggles' },
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+C', action: 'Copy the selected nodes (as JSON, to the system clipboard)' },
  { keys: 'Ctrl+X', action: 'Cut the selected nodes' },
  { keys: 'Ctrl+V', action: 'Paste nodes, or a whole .swark.json workflow (imported as a new workflow)' },
  { keys: 'Ctrl+D', action: 'Duplicate the selected nodes' },
  { keys: 'Ctrl+B', action: 'Bypass the selected nodes (they do not run; inputs pass through to outputs of the same type), or lift their bypass' },
  { keys: 'Ctrl+G', action: 'Group the selected nodes in a titled frame (drag its title bar to move them together)' },
  { keys: 'Ctrl+Shift+G', action: 'Make a component of the selected nodes (kept in the palette under "Components"), or expand the selected component' },
  { keys: 'Enter', action: 'Edit the definition of the selected component' },
  { keys: 'Double-click a component', action: 'Edit its definition (every instance follows); Alt+↑ or the breadcrumb goes back' },
  { keys: 'N', action: 'Add a note at the pointer (markdown; double-click it to edit)' },
  { keys: 'Delete or Backspace', action: 'Delete the selection (a selected group goes, its nodes stay)' },
  { keys: 'Ctrl+A', action: 'Select all nodes' },
  { keys: 'Shift+drag', action: 'Box-select' },
  { keys: 'Ctrl+Shift+L', action: 'Auto-layout' },
  { keys: 'Double-click or Space', action: 'Add a model where the pointer is (search by title, id or what it does)' },
  { keys: 'Drop a wire on empty canvas', action: 'Add a model that fits the wire, wired to it' },
  { keys: 'Ctrl+F', action: 'Find nodes by title, model or slot (Enter: next match)' },
  { keys: 'Shift+2', action: 'Zoom to the selection' },
  { keys: 'Ctrl+E', action: 'Export the workflow' },
  { keys: 'Ctrl+O', action: 'Import a workflow file' },
  { keys: 'Escape', action: 'Clear the selection, close menus' },
  { keys: '?', action: 'Show this help' },
];

/** The run toggles in plain words, for the help dialog (the toolbar's tooltips say the same in short). */
export const RUN_TOGGLES: readonly { name: string; meaning: string }[] = [
  {
    name: 'Use cache',
    meaning: 'When a step gets exactly the same input as last time, reuse its saved result instead of running it again. Turn off to run every step.',
  },
  {
    name: 'Update cache',
    meaning: 'Save the input and result of every step that runs, so the next run can skip it. Turn off to try something without touching what is saved.',
  },
  {
    name: 'Mutable state',
    meaning:
      'Let a step overwrite a value an earlier run already wrote. Off, values once written are kept, so a Rerun that must recompute them stops with a message.',
  },
  {
    name: 'Always run',
    meaning:
      'A node switch in the inspector: the step runs on every run, even when its input is unchanged (for code that reads the clock or a random source, or a source that changes).',
  },
  {
    name: 'Outputs → state slots',
    meaning:
      'Every output is kept under a name (a state slot) while the workflow runs; wires read these names. Rename one in the inspector to give a value a lasting name.',
  },
];

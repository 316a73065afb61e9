/** The editor's keyboard shortcuts, listed in the help dialog and bound by `useShortcuts`. */
export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+C', action: 'Copy the selected nodes (as JSON, to the system clipboard)' },
  { keys: 'Ctrl+X', action: 'Cut the selected nodes' },
  { keys: 'Ctrl+V', action: 'Paste nodes, or a whole .swark.json workflow (imported as a new workflow)' },
  { keys: 'Ctrl+D', action: 'Duplicate the selected nodes' },
  { keys: 'Delete or Backspace', action: 'Delete the selection' },
  { keys: 'Ctrl+A', action: 'Select all nodes' },
  { keys: 'Shift+drag', action: 'Box-select' },
  { keys: 'Ctrl+Shift+L', action: 'Auto-layout' },
  { keys: 'Ctrl+E', action: 'Export the workflow' },
  { keys: 'Ctrl+O', action: 'Import a workflow file' },
  { keys: 'Escape', action: 'Clear the selection, close menus' },
  { keys: '?', action: 'Show this help' },
];

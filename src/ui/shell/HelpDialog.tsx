/** The keyboard shortcuts, in a modal dialog. */
import { useModalDialog } from '../hooks/useModalDialog';
import { RUN_TOGGLES, SHORTCUTS } from './shortcuts';

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-title" onClose={onClose} data-testid="help-dialog">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="help-subtitle">Words in the toolbar and inspector</h3>
      <dl className="help-terms">
        {RUN_TOGGLES.map((term) => (
          <div key={term.name}>
            <dt>{term.name}</dt>
            <dd>{term.meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">Connect by dragging from an output (right) to an input (left). Right-click a node for Run to here and Clear cache.</p>
      <button type="button" className="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}

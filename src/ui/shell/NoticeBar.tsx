/** The editor's message to the person: refused connections, import errors (role="alert") and notes. */
import { useEffect } from 'react';
import type { EditorNotice, GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';

const selectNotice = (state: GraphState) => state.notice;

/** How long an info message stays; errors and warnings stay until dismissed. */
const INFO_NOTICE_MS = 6000;

/** Clears an info notice after a while, unless another message has replaced it by then. */
function useAutoDismiss(notice: EditorNotice | null): void {
  const { graph } = useStudio();
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => {
      if (graph.getState().notice === notice) graph.getState().setNotice(null);
    }, INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, graph]);
}

export function NoticeBar() {
  const notice = useGraph(selectNotice);
  const { graph } = useStudio();
  useAutoDismiss(notice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="editor-notice" data-kind={notice.kind}>
      <div className="notice-body">
        <strong>{notice.title}</strong>
        {notice.items.length > 0 && (
          <ul>
            {notice.items.map((item, index) => (
              <li key={index} data-step={item.stepId}>
                {item.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => graph.getState().setNotice(null)}>
        ×
      </button>
    </div>
  );
}

/** The editor's message to the person: refused connections, import errors (role="alert") and notes. */
import { graphStore, useGraph, type GraphState } from '../../store/graphStore';

const selectNotice = (state: GraphState) => state.notice;

export function NoticeBar() {
  const notice = useGraph(selectNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="editor-notice">
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
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => graphStore.getState().setNotice(null)}>
        ×
      </button>
    </div>
  );
}

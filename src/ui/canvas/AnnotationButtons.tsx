/** The zoom controls' "Add note" and "Group selection" buttons (the N and Ctrl+G keys). */
import { ControlButton, useReactFlow } from '@xyflow/react';
import { selectedCount } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';

const selectAny = (state: Parameters<typeof selectedCount>[0]) => selectedCount(state) > 0;

export function AnnotationButtons() {
  const any = useGraph(selectAny);
  const { graph } = useStudio();
  const { screenToFlowPosition } = useReactFlow();
  const addNote = () => {
    const rect = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const at = screenToFlowPosition(rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 0, y: 0 });
    graph.getState().addNote({ x: Math.round(at.x - 120), y: Math.round(at.y - 80) });
  };
  return (
    <>
      <ControlButton onClick={addNote} aria-label="Add note" title="Add note (N)" data-testid="add-note">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M2 2h12v8l-4 4H2z M10 14v-4h4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        </svg>
      </ControlButton>
      <ControlButton
        onClick={() => graph.getState().groupSelection()}
        disabled={!any}
        aria-label="Group selection"
        title="Group selection (Ctrl+G)"
        data-testid="group-selection"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="3 2" />
          <rect x="4" y="5" width="3" height="3" fill="currentColor" />
          <rect x="9" y="8" width="3" height="3" fill="currentColor" />
        </svg>
      </ControlButton>
    </>
  );
}

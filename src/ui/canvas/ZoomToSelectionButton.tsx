/** The zoom controls' "Zoom to selection" button (disabled while nothing is selected). */
import { ControlButton } from '@xyflow/react';
import { selectedCount } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useZoomToSelection } from './useZoomToSelection';

const selectAny = (state: Parameters<typeof selectedCount>[0]) => selectedCount(state) > 0;

export function ZoomToSelectionButton() {
  const any = useGraph(selectAny);
  const zoom = useZoomToSelection();
  return (
    <ControlButton onClick={zoom} disabled={!any} aria-label="Zoom to selection" title="Zoom to selection (Shift+2)" data-testid="zoom-to-selection">
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <rect x="5" y="5" width="6" height="6" rx="1" fill="currentColor" />
      </svg>
    </ControlButton>
  );
}

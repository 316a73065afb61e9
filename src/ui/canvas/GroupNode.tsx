/** A group: a titled, coloured frame; drag its bar to move it with the nodes inside; rename the title in place. */
import { memo } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { colorOf } from '../../format';
import { useStudio } from '../hooks/useStudio';
import type { AnnotationNode } from './annotationNodes';
import { AnnotationTools } from './AnnotationTools';
import './annotations.css';

const MIN = { width: 160, height: 100 };

export const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<AnnotationNode>) {
  const { graph } = useStudio();
  const { annotation } = data;
  return (
    <div className={`annotation-group annotation--${colorOf(annotation)}`} data-testid="group">
      <NodeResizer
        isVisible={selected ?? false}
        minWidth={MIN.width}
        minHeight={MIN.height}
        onResizeEnd={(_event, frame) => graph.getState().resizeAnnotation(annotation.id, frame)}
      />
      <div className="annotation-group__bar">
        <input
          className="annotation-group__title nodrag"
          aria-label="Group title"
          data-testid="group-title"
          defaultValue={annotation.text}
          key={annotation.text}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur();
          }}
          onBlur={(event) => {
            const title = event.currentTarget.value.trim() || 'Group';
            if (title !== annotation.text) graph.getState().setAnnotationText(annotation.id, title);
          }}
        />
        {selected && <AnnotationTools annotation={annotation} />}
      </div>
    </div>
  );
});

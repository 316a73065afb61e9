/** A note on the canvas: markdown shown, edited on double-click in a textarea; resizable and coloured. */
import { memo, Suspense, useState } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { colorOf } from '../../format';
import { useStudio } from '../hooks/useStudio';
import type { AnnotationNode } from './annotationNodes';
import { AnnotationTools } from './AnnotationTools';
import { NoteMarkdown } from './NoteMarkdown';
import './annotations.css';
import { focusOnMount } from '../focusOnMount';

const MIN = { width: 120, height: 60 };

export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<AnnotationNode>) {
  const { graph } = useStudio();
  const { annotation } = data;
  const [editing, setEditing] = useState(annotation.text === '');
  return (
    <div className={`annotation-note annotation--${colorOf(annotation)}`} data-testid="note" onDoubleClick={() => setEditing(true)}>
      <NodeResizer
        isVisible={selected ?? false}
        minWidth={MIN.width}
        minHeight={MIN.height}
        onResizeEnd={(_event, frame) => graph.getState().resizeAnnotation(annotation.id, frame)}
      />
      {selected && <AnnotationTools annotation={annotation} />}
      {editing ? (
        <textarea
          className="annotation-note__edit nodrag nowheel"
          aria-label="Note text (markdown)"
          data-testid="note-edit"
          ref={focusOnMount}
          defaultValue={annotation.text}
          placeholder="Write a note… (markdown)"
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
          onBlur={(event) => {
            if (event.currentTarget.value !== annotation.text) graph.getState().setAnnotationText(annotation.id, event.currentTarget.value);
            setEditing(false);
          }}
        />
      ) : (
        <Suspense fallback={null}>
          <NoteMarkdown text={annotation.text || '*Double-click to write*'} />
        </Suspense>
      )}
    </div>
  );
});

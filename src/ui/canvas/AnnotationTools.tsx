/** A selected note's or group's colours and delete buttons (a group: "Ungroup" keeps its nodes, or delete them too). */
import { ANNOTATION_COLORS, colorOf, type AnnotationSpec } from '../../format';
import { useStudio } from '../hooks/useStudio';

export function AnnotationTools({ annotation }: { annotation: AnnotationSpec }) {
  const { graph } = useStudio();
  const store = () => graph.getState();
  const current = colorOf(annotation);
  const what = annotation.kind === 'note' ? 'note' : 'group';
  return (
    <div className="annotation-tools nodrag" role="toolbar" aria-label={`${what} tools`}>
      {ANNOTATION_COLORS.map((color) => (
        <button
          key={color}
          type="button"
          className={`annotation-swatch annotation--${color}`}
          aria-label={`Colour ${color}`}
          aria-pressed={color === current}
          onClick={() => store().setAnnotationColor(annotation.id, color)}
        />
      ))}
      {annotation.kind === 'group' ? (
        <>
          <button type="button" className="annotation-tool" data-testid="ungroup" onClick={() => store().deleteAnnotation(annotation.id)}>
            Ungroup
          </button>
          <button
            type="button"
            className="annotation-tool annotation-tool--danger"
            onClick={() => store().deleteAnnotation(annotation.id, { withNodes: true })}
          >
            Delete with nodes
          </button>
        </>
      ) : (
        <button
          type="button"
          className="annotation-tool annotation-tool--danger"
          data-testid="delete-note"
          onClick={() => store().deleteAnnotation(annotation.id)}
        >
          Delete note
        </button>
      )}
    </div>
  );
}

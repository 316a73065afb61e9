/** A model on the canvas: title, one input handle per field (left), one output handle per output (right). */
import { memo, useContext, useLayoutEffect, useMemo, useRef } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { isFarZoom, TileRegistryContext } from './farZoom';
import { storedFileOf } from '../../engine/storedFile';
import { fieldProblems, modelInfo, wiredFieldsKey, wireProblems, type EditorNode, type GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStepOutcome } from '../hooks/useStepOutcome';
import { useStepPreview } from '../hooks/useStepPreview';
import { formatValue, roundNumbersInText } from '../shell/formatValue';
import { nodeFace } from './nodeFace';
import { useComponentDefinition, componentFaceStep, useGonePorts, useStepKey } from './componentNode';
import { BoundaryNode } from './BoundaryNode';
import { isBoundaryModel } from '../../format/componentInner';
import { useModels } from '../palette/useModels';

function useWiredFields(id: string): string[] {
  const key = useGraph((state: GraphState) => wiredFieldsKey(state.edges, id));
  return useMemo(() => (key ? key.split(',') : []), [key]);
}

function useWireProblems(id: string): string {
  return useGraph((state: GraphState) => wireProblems(state.edges, state.nodes, id));
}

function ModelNodeView(props: NodeProps<EditorNode>) {
  const far = useStore(isFarZoom);
  if (isBoundaryModel(props.data.model)) return <BoundaryNode {...props} />;
  // Drawn in full until measured, and then as a tile of exactly that size: React Flow keeps the
  // handles it measured on the full node, and no size change makes it measure again.
  return far && props.width && props.height ? <FarModelNode {...props} /> : <FullModelNode {...props} />;
}

/** A tile on the far tiles' canvas (farTiles.ts); its own element is empty, for the pointer and `data-status`. */
function FarModelNode({ id, data, selected, width, height }: NodeProps<EditorNode>) {
  const definition = useComponentDefinition(data.model);
  const outcome = useStepOutcome(componentFaceStep(useStepKey(id), definition));
  const status = outcome?.status ?? 'idle';
  const category = modelInfo(data.model)?.category ?? (definition ? 'component' : 'missing');
  const registry = useContext(TileRegistryContext);
  const element = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (registry && element.current) registry.set(id, { label: data.label, status, category, selected, bypassed: !!data.bypassed, element: element.current });
  }, [registry, id, data.label, status, category, selected, data.bypassed]);
  useLayoutEffect(() => () => registry?.delete(id), [registry, id]);
  const classes = ['model-node', 'is-far', `status-${status}`, selected ? 'is-selected' : '', data.bypassed ? 'is-bypassed' : ''];
  return (
    <div
      ref={element}
      className={classes.filter(Boolean).join(' ')}
      style={{ width, height }}
      data-testid={`node-${id}`}
      data-model={data.model}
      data-status={status}
      data-category={category}
      data-bypassed={data.bypassed ? 'true' : undefined}
      title={`${data.label}: ${status}`}
    >
      <span className="model-node-far-title">{data.label}</span>
    </div>
  );
}

function FullModelNode({ id, data, selected }: NodeProps<EditorNode>) {
  // A component instance shows its definition's ports and the outcome of the inner step behind its first output.
  const definition = useComponentDefinition(data.model);
  const faceStep = componentFaceStep(useStepKey(id), definition);
  const gone = useGonePorts(id, definition);
  const outcome = useStepOutcome(faceStep);
  const preview = useStepPreview(faceStep);
  const wired = useWiredFields(id);
  const wireTrouble = useWireProblems(id);
  const library = useModels();
  const info = modelInfo(data.model);
  const face = nodeFace(outcome, preview);
  const problems = useMemo(() => {
    void library; // the checks read the registry's schemas, which arrive with the model library after the first paint
    return fieldProblems(data, new Set(wired));
  }, [data, wired, library]);
  const warnings = [wireTrouble, ...problems].filter(Boolean).join('\n');
  // An input model's fields are set in the inspector; a wire into one would only pass a value through.
  const takesWires = info?.category !== 'input';
  const known = info !== null || definition !== undefined;
  const named = definition?.ports ?? data.missingPorts;
  // A wire on a port its component lost stays drawn, into a handle marked gone (see `gonePortItem`).
  const inputs = info
    ? info.inputs.map((p) => ({ name: p.name, fallback: p.hasDefault ? p.defaultValue : undefined }))
    : [...(named?.inputs ?? []), ...gone.inputs].map((name) => ({ name, fallback: undefined }));
  const outputs = info ? info.outputs.map((p) => p.name) : [...(named?.outputs ?? []), ...gone.outputs];
  const goneCount = gone.inputs.length + gone.outputs.length;
  const category = info?.category ?? (definition ? 'component' : 'missing');
  const classes = [
    'model-node',
    `status-${face.status}`,
    selected ? 'is-selected' : '',
    known ? '' : 'is-missing',
    data.untrusted ? 'is-untrusted' : '',
    data.bypassed ? 'is-bypassed' : '',
    warnings ? 'has-warning' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-model={data.model}
      data-status={face.status}
      data-category={category}
      data-warning={warnings ? 'true' : undefined}
      data-bypassed={data.bypassed ? 'true' : undefined}
    >
      <div className="model-node-header">
        <span className="model-node-title">{data.label}</span>
        <span className="model-node-model">{info ? info.title : definition ? definition.summary : 'Missing model'}</span>
      </div>
      {!known && <div className="model-node-banner is-error">Missing model “{data.model}”</div>}
      {data.untrusted && <div className="model-node-banner is-warning">Imported code: not trusted yet</div>}
      {goneCount > 0 && (
        <div
          className="model-node-banner is-error"
          data-testid="node-gone-ports"
          title="Its component no longer has these ports: delete their wires, or add the ports again inside it"
        >
          ⚠ {goneCount === 1 ? `Port “${[...gone.inputs, ...gone.outputs][0]}” is gone` : `${goneCount} ports are gone`}
        </div>
      )}
      {data.bypassed && (
        <div
          className="model-node-banner is-bypassed"
          data-testid="node-bypassed"
          title="Bypassed (Ctrl+B): does not run; inputs pass through to outputs of the same type"
        >
          ⤼ Bypassed
        </div>
      )}
      {warnings && (
        <div className="model-node-banner is-warning" data-testid="node-warning" title={warnings}>
          ⚠{' '}
          {wireTrouble
            ? 'Wire of the wrong type'
            : problems.length === 1
              ? `${problems[0]?.split(':')[0]} needs a value`
              : `${problems.length} fields need a value`}
        </div>
      )}
      {face.line ? (
        <div className={`model-node-status ${face.line.kind}`} title={face.line.title} data-testid="node-status-line">
          {face.line.text}
        </div>
      ) : (
        // Held open until the preview or a run fills it, so the node never changes size (see nodeFace).
        <div className="model-node-status is-empty" aria-hidden="true">
          {'\u00a0'}
        </div>
      )}
      {face.result !== null ? (
        <div
          className={`model-node-result${face.resultIsOld ? ' is-old' : ''}`}
          data-testid="node-result"
          title={face.resultIsOld ? `Result of the last run (the graph changed since): ${face.result}` : face.result}
        >
          <span aria-hidden="true">= </span>
          {roundNumbersInText(face.result)}
        </div>
      ) : (
        outputs.length > 0 && (
          <div className="model-node-result is-empty" aria-hidden="true">
            {face.placeholder}
          </div>
        )
      )}
      <div className="model-node-ports">
        <div className="model-node-inputs">
          {inputs.map(({ name, fallback }) => {
            const isWired = wired.includes(name);
            const value = data.params[name] ?? fallback;
            const fromState = data.stateInputs[name];
            return (
              <div key={name} className={`model-node-port is-input${gone.inputs.includes(name) ? ' is-gone' : ''}`}>
                {(takesWires || isWired) && <Handle type="target" position={Position.Left} id={name} className="port-handle" />}
                <span className="port-name">{name}</span>
                {!isWired && fromState !== undefined && <span className="port-value">← {fromState}</span>}
                {!isWired && fromState === undefined && value !== undefined && (
                  <span className={`port-value ${storedFileOf(value) ? 'is-file' : ''}`} data-testid={storedFileOf(value) ? `node-file-${name}` : undefined}>
                    {formatValue(value)}
                  </span>
                )}
              </div>
            );
          })}
        </div>
        <div className="model-node-outputs">
          {outputs.map((name) => (
            <div key={name} className={`model-node-port is-output${gone.outputs.includes(name) ? ' is-gone' : ''}`}>
              <span className="port-name">{name}</span>
              <Handle type="source" position={Position.Right} id={name} className="port-handle" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

export const ModelNode = memo(ModelNodeView);

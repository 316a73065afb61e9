/** A model on the canvas: title, one input handle per field (left), one output handle per output (right). */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useGraph, type EditorNode, type GraphState } from '../../store/graphStore';
import { modelInfo } from '../../store/graphCatalog';
import { wiredFieldsKey } from '../../store/graphColumns';
import { useStepPreview, useStepStatus } from '../../store/runStore';
import { formatValue } from '../shell/formatValue';

const STATUS_WORDS: Record<string, string> = {
  idle: '',
  pending: 'waiting',
  running: 'running…',
  ran: 'ran',
  skipped: 'skipped (cached)',
  error: 'error',
  cancelled: 'cancelled',
  'not-run': 'not run',
};

function useWiredFields(id: string): string[] {
  const key = useGraph((state: GraphState) => wiredFieldsKey(state.edges, id));
  return key ? key.split(',') : [];
}

function ModelNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const status = useStepStatus(id);
  const preview = useStepPreview(id);
  const wired = useWiredFields(id);
  const info = modelInfo(data.model);
  const inputs = info ? info.inputs.map((p) => ({ name: p.name, fallback: p.hasDefault ? p.defaultValue : undefined })) : (data.missingPorts?.inputs ?? []).map((name) => ({ name, fallback: undefined }));
  const outputs = info ? info.outputs.map((p) => p.name) : (data.missingPorts?.outputs ?? []);
  const classes = ['model-node', `status-${status}`, selected ? 'is-selected' : '', info ? '' : 'is-missing', data.untrusted ? 'is-untrusted' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes} data-testid={`node-${id}`} data-model={data.model} data-status={status} data-category={info?.category ?? 'missing'}>
      <div className="model-node-header">
        <span className="model-node-title">{data.label}</span>
        <span className="model-node-model">{info ? info.title : 'Missing model'}</span>
      </div>
      {!info && <div className="model-node-banner is-error">Missing model “{data.model}”</div>}
      {data.untrusted && <div className="model-node-banner is-warning">Imported code: not trusted yet</div>}
      {status !== 'idle' && <div className={`model-node-status status-${status}`}>{STATUS_WORDS[status] ?? status}</div>}
      {status === 'idle' && preview && (
        <div className={`model-node-preview ${preview.willSkip ? 'will-skip' : 'will-run'}`} title={preview.reason}>
          {preview.reason}
        </div>
      )}
      <div className="model-node-ports">
        <div className="model-node-inputs">
          {inputs.map(({ name, fallback }) => {
            const isWired = wired.includes(name);
            const value = data.params[name] ?? fallback;
            const fromState = data.stateInputs[name];
            return (
              <div key={name} className="model-node-port is-input">
                <Handle type="target" position={Position.Left} id={name} className="port-handle" />
                <span className="port-name">{name}</span>
                {!isWired && fromState !== undefined && <span className="port-value">← {fromState}</span>}
                {!isWired && fromState === undefined && value !== undefined && <span className="port-value">{formatValue(value)}</span>}
              </div>
            );
          })}
        </div>
        <div className="model-node-outputs">
          {outputs.map((name) => (
            <div key={name} className="model-node-port is-output">
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

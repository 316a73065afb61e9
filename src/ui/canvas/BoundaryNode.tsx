/**
 * An open definition's boundary (as ComfyUI's subgraph input and output nodes): each handle is one of
 * the component's ports; a wire to "+" adds a port named after the field it meets, deleting a port's
 * last wire removes the port.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { COMPONENT_INPUTS_ID, NEW_PORT } from '../../format/componentInner';
import type { EditorNode } from '../../store/graph';
import './componentEditing.css';

export function BoundaryNode({ id, data, selected }: NodeProps<EditorNode>) {
  const isInputs = id === COMPONENT_INPUTS_ID;
  const ports = (isInputs ? data.missingPorts?.outputs : data.missingPorts?.inputs) ?? [];
  return (
    <div
      className={`boundary-node ${isInputs ? 'is-inputs' : 'is-outputs'}${selected ? ' is-selected' : ''}`}
      data-testid={`node-${id}`}
      data-boundary={isInputs ? 'inputs' : 'outputs'}
    >
      <div className="boundary-node-title">
        <span aria-hidden="true">{isInputs ? '⇥' : '↦'}</span> {isInputs ? 'Inputs' : 'Outputs'}
      </div>
      {ports.map((port) => (
        <div
          key={port}
          className={`boundary-port${port === NEW_PORT ? ' is-new' : ''}`}
          title={port === NEW_PORT ? 'Wire here to add a port' : `Port “${port}”`}
        >
          <span className="port-name">{port === NEW_PORT ? '+ add port' : port}</span>
          <Handle type={isInputs ? 'source' : 'target'} position={isInputs ? Position.Right : Position.Left} id={port} className="port-handle" />
        </div>
      ))}
    </div>
  );
}

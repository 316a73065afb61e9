/** The inspector for an open definition's inputs or outputs node: what its ports are and how to change them. */
import { COMPONENT_INPUTS_ID, NEW_PORT } from '../../format/componentInner';
import type { InspectedNode } from './Inspector';

export function BoundaryInspector({ node }: { node: InspectedNode }) {
  const isInputs = node.id === COMPONENT_INPUTS_ID;
  const ports = ((isInputs ? node.data.missingPorts?.outputs : node.data.missingPorts?.inputs) ?? []).filter((port) => port !== NEW_PORT);
  return (
    <div className="inspector-body" data-testid="boundary-inspector">
      <div className="panel-heading">Component {isInputs ? 'inputs' : 'outputs'}</div>
      <p className="muted small">
        {isInputs
          ? 'Each wire from here is an input port of the component: what an instance receives on that port goes to the field it reaches.'
          : 'Each wire into here is an output port of the component: an instance gives what that field receives.'}{' '}
        Wire “+ add port” to add one; delete a port’s last wire to remove it (a wire an instance had on it is kept, and named, on the workflow).
      </p>
      <h3 className="inspector-section">Ports</h3>
      <ul className="component-steps">{ports.length ? ports.map((port) => <li key={port}>{port}</li>) : <li className="muted">None yet</li>}</ul>
    </div>
  );
}

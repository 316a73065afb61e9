/** The inspector's body for the selected node: title, fields (or where they are wired from), output slot names, actions. */
import { useShallow } from 'zustand/react/shallow';
import { fieldError, modelInfo, upstreamColumns, wireProblems, type GraphState } from '../../store/graph';
import type { RunStoreState } from '../../store/run';
import { useGraph } from '../hooks/useGraph';
import { useRun } from '../hooks/useRun';
import { useStepOutcome } from '../hooks/useStepOutcome';
import { useStepPreview } from '../hooks/useStepPreview';
import { useStudio } from '../hooks/useStudio';
import { AlwaysRunSwitch } from './AlwaysRunSwitch';
import { FieldControl } from './FieldControl';
import { NameInput } from './NameInput';
import type { InspectedNode } from './Inspector';
import { sidePanelStore } from '../state/sidePanel';
import { componentIdOf } from '../../format/components';
import { ComponentInspector } from './ComponentInspector';
import { BoundaryInspector } from './BoundaryInspector';
import { isBoundaryModel } from '../../format/componentInner';
import { useStepKey } from '../canvas/componentNode';

const selectCache = (state: RunStoreState) => state.cache;

const SLOTS_HELP =
  'Each output is kept under a name (a state slot) while the workflow runs; wires read those names. Rename one to give a value a lasting name that other steps, the run panel and exported files use.';

/** A component instance gets its own inspector (its inner steps, Expand); any other node the model's. */
export function NodeInspector({ node }: { node: InspectedNode }) {
  if (isBoundaryModel(node.data.model)) return <BoundaryInspector node={node} />;
  return componentIdOf(node.data.model) === null ? <ModelInspector node={node} /> : <ComponentInspector node={node} />;
}

function ModelInspector({ node }: { node: InspectedNode }) {
  const info = modelInfo(node.data.model);
  // Inside an open definition a node's outcome is its inner step's in the instance it was opened from.
  const stepKey = useStepKey(node.id);
  const outcome = useStepOutcome(stepKey);
  const preview = useStepPreview(stepKey);
  const status = outcome?.status ?? 'idle';
  const cache = useRun(selectCache);
  const incoming = useGraph(useShallow((state: GraphState) => state.edges.filter((e) => e.target === node.id)));
  const labels = useGraph(
    useShallow((state: GraphState) => Object.fromEntries(incoming.map((e) => [e.source, state.nodes.find((n) => n.id === e.source)?.data.label ?? e.source]))),
  );
  const edges = useGraph((state: GraphState) => state.edges);
  const wireTrouble = useGraph((state: GraphState) => wireProblems(state.edges, state.nodes, node.id));
  const { graph, run } = useStudio();
  const store = graph.getState();

  return (
    <div className="inspector-body">
      <div className="panel-heading">
        {info ? info.title : 'Missing model'} <span className="muted mono">{node.data.model}</span>
      </div>
      {info?.description && <p className="muted small">{info.description}</p>}
      <NameInput label="Title" testId="node-label" value={node.data.label} onCommit={(text) => store.setNodeLabel(node.id, text)} />
      <div className="inspector-status">
        <span className={`status-pill status-${status}`}>{status}</span>
        {preview && (status === 'idle' || outcome?.stale) && <span className="muted small">{preview.reason}</span>}
        {outcome?.result != null && (
          <span
            className={`inspector-result mono${outcome.stale ? ' is-old' : ''}`}
            data-testid="inspector-result"
            title={outcome.stale ? 'Result of the last run; the graph changed since' : 'Result of the last run'}
          >
            = {outcome.result}
          </span>
        )}
      </div>
      {outcome?.error && !outcome.stale && (
        <p className="field-error inspector-error" role="note" data-testid="inspector-error">
          {outcome.error}
        </p>
      )}
      {wireTrouble && (
        <p className="field-error inspector-error" role="note" data-testid="inspector-wire-problem">
          {wireTrouble}
        </p>
      )}
      {!info && (
        <p className="field-error" role="note">
          This app has no model “{node.data.model}”. The node keeps its wiring so the workflow can be exported unchanged; it cannot run.
        </p>
      )}
      {node.data.untrusted && (
        <div className="trust-box">
          <p>This node runs code from an imported file. Read it below before you let it run.</p>
          <button type="button" className="button" data-testid="trust-button" onClick={() => store.trustNode(node.id)}>
            Trust this code
          </button>
        </div>
      )}

      <h3 className="inspector-section">Inputs</h3>
      {(info?.inputs ?? []).map((port) => {
        const edge = incoming.find((e) => e.targetHandle === port.name);
        if (edge) {
          return (
            <div key={port.name} className="field is-wired">
              <span className="field-label">{port.name}</span>
              <span className="wired-from" data-testid={`wired-${port.name}`}>
                ← {labels[edge.source]}.{edge.sourceHandle}
              </span>
            </div>
          );
        }
        const fromState = node.data.stateInputs[port.name];
        if (fromState !== undefined) {
          return (
            <div key={port.name} className="field is-wired">
              <span className="field-label">{port.name}</span>
              <button
                type="button"
                className="wired-from wired-from-slot"
                data-testid={`state-input-${port.name}`}
                title="Open this slot in the initial state"
                onClick={() => sidePanelStore.getState().openSlot(fromState)}
              >
                ← initial state slot “{fromState}”
              </button>
            </div>
          );
        }
        const value = node.data.params[port.name];
        const columns = port.columnsFrom ? upstreamColumns(node.id, port.columnsFrom, edges, cache) : null;
        return (
          <FieldControl
            key={port.name}
            port={port}
            value={value}
            columns={columns}
            error={fieldError(node.data.model, port.name, value)}
            onChange={(next) => store.updateNodeParam(node.id, port.name, next)}
          />
        );
      })}

      <h3 className="inspector-section" title={SLOTS_HELP}>
        Outputs → state slots
      </h3>
      <p className="muted small" data-testid="slots-help">
        Each output is kept under a named state slot; wires and the run panel read these names.
      </p>
      {(info?.outputs.map((p) => p.name) ?? node.data.missingPorts?.outputs ?? []).map((output) => (
        <NameInput
          key={output}
          label={output}
          testId={`slot-${output}`}
          value={node.data.slotNames[output] ?? `${node.data.label}.${output}`}
          onCommit={(text) => store.setSlotName(node.id, output, text)}
        />
      ))}

      <h3 className="inspector-section">Actions</h3>
      <AlwaysRunSwitch on={node.data.deterministic === false} onChange={(on) => store.setNodeAlwaysRun(node.id, on)} />
      <div className="inspector-actions">
        <button type="button" className="button" data-testid="run-to-here" onClick={() => void run.getState().runTo(stepKey)}>
          Run to here
        </button>
        <button type="button" className="button" data-testid="clear-cache" onClick={() => run.getState().clearCache(stepKey)}>
          Clear cache
        </button>
        <button type="button" className="button is-danger" onClick={() => store.deleteNodes([node.id])}>
          Delete node
        </button>
      </div>
    </div>
  );
}

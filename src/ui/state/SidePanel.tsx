/**
 * The right column: the inspector (the selected node) and the initial state (the slots Run starts
 * from), as tabs. Selecting a node shows the inspector; an input read from a slot opens the slot here.
 */
import { Suspense, useEffect } from 'react';
import { selectedNodeId } from '../../store/graph';
import { lazyAfterPaint } from '../afterPaint';
import { useGraph } from '../hooks/useGraph';
import { Inspector } from '../inspector/Inspector';
import { sidePanelStore, useSidePanel, type SideTab } from './sidePanel';
import './sidePanel.css';

// Behind its tab: its code loads right after the editor's first paint.
const StateEditor = lazyAfterPaint(() => import('./StateEditor').then((m) => m.StateEditor));

const TABS: { tab: SideTab; label: string; title: string }[] = [
  { tab: 'inspector', label: 'Inspector', title: 'The selected node: its title, values and output slots' },
  { tab: 'state', label: 'Initial state', title: 'The slots Run starts from: see and edit them, save them as named states' },
];

const selectTab = (state: { tab: SideTab }) => state.tab;

export function SidePanel() {
  const tab = useSidePanel(selectTab);
  const selected = useGraph(selectedNodeId);
  // A node selected (anew) is what a person wants to look at.
  useEffect(() => {
    if (selected !== null) sidePanelStore.getState().setTab('inspector');
  }, [selected]);
  return (
    <div className="side-panel">
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {TABS.map((entry) => (
          <button
            key={entry.tab}
            type="button"
            role="tab"
            id={`side-tab-${entry.tab}`}
            aria-selected={tab === entry.tab}
            aria-controls={`side-panel-${entry.tab}`}
            className={`side-tab ${tab === entry.tab ? 'is-current' : ''}`}
            data-testid={`side-tab-${entry.tab}`}
            title={entry.title}
            onClick={() => sidePanelStore.getState().setTab(entry.tab)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="side-panel-inspector" aria-labelledby="side-tab-inspector" className="side-tab-panel" hidden={tab !== 'inspector'}>
        <Inspector />
      </div>
      <div role="tabpanel" id="side-panel-state" aria-labelledby="side-tab-state" className="side-tab-panel" hidden={tab !== 'state'}>
        {tab === 'state' && (
          <Suspense fallback={null}>
            <StateEditor />
          </Suspense>
        )}
      </div>
    </div>
  );
}

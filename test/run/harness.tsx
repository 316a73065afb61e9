/**
 * A page with only the run toolbar and run panel over the real graph store, worker and models:
 * for screenshots and the run benchmark, independent of the editor shell. Open with ?testHooks.
 */
import '../../src/ui/effectTiming';
import { createRoot } from 'react-dom/client';
import { createBrowserStudio } from '../../src/studio/browserStudio';
import { StudioProvider } from '../../src/ui/StudioProvider';
import { RunPanel } from '../../src/ui/run/RunPanel';
import { RunToolbar } from '../../src/ui/run/RunToolbar';
import '../../src/ui/styles.css';

const studio = await createBrowserStudio();
await studio.start();
studio.graph.getState().createWorkflow('Harness', 'arithmetic');

const root = document.getElementById('root');
if (!root) throw new Error('harness.html has no #root');
createRoot(root).render(
  <StudioProvider studio={studio}>
    <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr', height: '100vh' }}>
      <header style={{ padding: 8, borderBottom: '1px solid #e2e8f0', background: '#fff' }}>
        <RunToolbar />
      </header>
      <RunPanel />
    </div>
  </StudioProvider>,
);

import './ui/effectTiming';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserStudio } from './studio/browserStudio';
import { App } from './ui/App';
import { StudioProvider } from './ui/StudioProvider';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const studio = await createBrowserStudio();
createRoot(root).render(
  <StrictMode>
    <StudioProvider studio={studio}>
      <App />
    </StudioProvider>
  </StrictMode>,
);

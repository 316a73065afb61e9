/**
 * Between the run worker and the workspace: the worker asks once per workflow for what the
 * workspace stored (by ref; it reads the values itself), and announces what it stored so the
 * workspace records the refs. No value is encoded or hashed on the page's thread.
 */
import type { FromWorker } from '../../worker/protocol';
import type { RunContext } from './context';

type BridgeMessage = Extract<FromWorker, { type: 'need-workspace' | 'persist-extracts' | 'values-stored' }>;

export function isBridgeMessage(message: FromWorker): message is BridgeMessage {
  return message.type === 'need-workspace' || message.type === 'persist-extracts' || message.type === 'values-stored';
}

export function createWorkspaceBridge({ set, deps, client }: RunContext): (message: BridgeMessage) => void {
  const { workspace } = deps;

  const answerWorkspace = async (workflowId: string) => {
    try {
      const { extracts, lastState, texts, location } = await workspace.valueRefsFor(workflowId);
      client.post({ type: 'workspace-data', workflowId, extracts, lastState, texts, location });
    } catch (error) {
      const message = (error as Error).message;
      set({ alert: { tone: 'error', message: `The cached results could not be read: ${message}. Steps will run again.`, offers: [] } });
      client.post({ type: 'workspace-data', workflowId, extracts: [], lastState: null, texts: [], location: null, error: message });
    }
  };

  return (message) => {
    switch (message.type) {
      case 'need-workspace':
        return void answerWorkspace(message.workflowId);
      case 'persist-extracts':
        // Recorded whether or not the run is still the active one: the worker's cache already holds them.
        return workspace.putExtractRefs(message.workflowId, message.extracts, message.texts, message.writing);
      case 'values-stored':
        return workspace.valuesStored(message.refs, message.failed);
    }
  };
}

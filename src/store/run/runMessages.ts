/** Which worker messages belong to a run in flight (the lifecycle's, loaded with the first run). */
import type { FromWorker } from '../../worker/protocol';

/** A run's messages other than its engine events (those come in batches, to the lifecycle's `onEvents`). */
export type RunMessage = Extract<FromWorker, { type: 'planned' | 'done' | 'failed' }>;

export function isRunMessage(message: FromWorker): message is RunMessage {
  return message.type === 'planned' || message.type === 'done' || message.type === 'failed';
}

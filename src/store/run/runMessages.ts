/** Which worker messages belong to a run in flight (the lifecycle's, loaded with the first run). */
import type { FromWorker } from '../../worker/protocol';

export type RunMessage = Extract<FromWorker, { type: 'planned' | 'event' | 'done' | 'failed' }>;

export function isRunMessage(message: FromWorker): message is RunMessage {
  return message.type === 'planned' || message.type === 'event' || message.type === 'done' || message.type === 'failed';
}

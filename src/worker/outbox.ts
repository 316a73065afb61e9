/**
 * The worker's side of the wire: messages gathered into one `batch` post instead of one post each,
 * so a run of a thousand quick steps reaches the page as a few messages, not four thousand.
 *
 * What may not wait is sent at once, with everything gathered before it: a step's `start` and a
 * model's `progress` (the model may then block this thread for good — an endless loop — and the
 * page must still see it running, and hold the steps that finished before it), the end of a run,
 * and every reply. The rest
 * (ends, extracts to record, values stored) leaves on the next turn of the worker's event loop.
 */
import type { FromWorker, WorkerPost } from './protocol';

/** Whether a message must leave now rather than on the next turn. */
function isUrgent(message: FromWorker): boolean {
  if ('requestId' in message) return true;
  // A model reporting progress may be holding the thread until it ends: its progress must not wait for that.
  if (message.type === 'event') return message.event.type !== 'end';
  return message.type !== 'persist-extracts' && message.type !== 'values-stored';
}

/** A next-turn callback: a MessageChannel tick (no 4 ms clamp, unlike a nested setTimeout). */
function nextTurn(): (callback: () => void) => void {
  if (typeof MessageChannel === 'undefined') return (callback) => void setTimeout(callback, 0);
  const channel = new MessageChannel();
  let pending: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const callback = pending;
    pending = null;
    callback?.();
  };
  return (callback) => {
    pending = callback;
    channel.port2.postMessage(null);
  };
}

/** A `post` that batches; `send` posts one wire message (a lone message or a batch). */
export function createOutbox(send: (message: WorkerPost) => void): (message: FromWorker) => void {
  let gathered: FromWorker[] = [];
  let scheduled = false;
  const schedule = nextTurn();

  const flush = () => {
    scheduled = false;
    if (!gathered.length) return;
    const messages = gathered;
    gathered = [];
    send(messages.length === 1 ? (messages[0] as FromWorker) : { type: 'batch', messages });
  };

  return (message) => {
    gathered.push(message);
    if (isUrgent(message)) return flush();
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };
}

/** The messages a wire message carries, in order. */
export const unpack = (message: WorkerPost): readonly FromWorker[] => (message.type === 'batch' ? message.messages : [message]);

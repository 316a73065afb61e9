/**
 * The page's side of the batched wire: the worker's messages (run events, extracts to record,
 * summaries) are gathered and applied once per frame, so a thousand quick steps make a few store
 * updates and renders, not thousands. Within a frame the order holds where it matters: everything
 * before a barrier (a run's plan or end, a summary, a question) is applied before it.
 */
import type { StoredExtractRef, ValueTexts } from '../../persistence/types';
import type { FromWorker, WireEvent } from '../../worker/protocol';

type Reply = Extract<FromWorker, { requestId: number }>;
type PushMessage = Exclude<FromWorker, Reply>;
type PersistMessage = Extract<PushMessage, { type: 'persist-extracts' }>;
type StoredMessage = Extract<PushMessage, { type: 'values-stored' }>;

/**
 * Steps' ends applied per frame at most: each is a node and a row to draw again, so a frame stays
 * short however fast the worker goes (the rest waits for the next frame, in order).
 */
const ENDS_PER_FRAME = 60;

/** Calls `flush` once, soon (the next frame in a browser); the studio chooses how. */
export type FrameScheduler = (flush: () => void) => void;

export interface InboxHandlers {
  /** A run's engine events, in order, as one update. */
  events(runId: string, events: WireEvent[]): void;
  /** Extracts to record (several messages merged into one per workflow). */
  persist(message: PersistMessage): void;
  stored(message: StoredMessage): void;
  /** Anything else, in its place. */
  other(message: PushMessage): void;
}

export interface Inbox {
  push(message: PushMessage): void;
  /** Applies what is gathered now (before a cancel or a crash reads the rows). */
  flush(): void;
}

/** A burst's extracts of one workflow as one record: a step named twice keeps its later entries. */
function mergePersists(messages: PersistMessage[]): PersistMessage[] {
  const byWorkflow = new Map<string, PersistMessage[]>();
  // Appended in place, not copied per message: a burst can hold a thousand of them.
  for (const message of messages) {
    const group = byWorkflow.get(message.workflowId);
    if (group) group.push(message);
    else byWorkflow.set(message.workflowId, [message]);
  }
  return [...byWorkflow.values()].map((group) => {
    if (group.length === 1) return group[0] as PersistMessage;
    const steps = new Map<string, StoredExtractRef[]>();
    const texts: ValueTexts = [];
    const writing: string[] = [];
    for (const message of group) {
      const named = new Map<string, StoredExtractRef[]>();
      for (const entry of message.extracts) {
        const entries = named.get(entry.stepKey);
        if (entries) entries.push(entry);
        else named.set(entry.stepKey, [entry]);
      }
      for (const [key, entries] of named) steps.set(key, entries);
      texts.push(...message.texts);
      writing.push(...message.writing);
    }
    return { ...(group.at(-1) as PersistMessage), extracts: [...steps.values()].flat(), texts, writing };
  });
}

/** A call of `work` through `schedule`, asked for any number of times before it runs: it runs once. */
function once(schedule: FrameScheduler, work: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      work();
    });
  };
}

/** Runs `work` in a task of its own soon after (the browser: after the frame that queued it). */
const nextTask: FrameScheduler = (work) => void setTimeout(work, 0);

/**
 * `scheduleWrite`: when the gathered records are written (the page's database: ≈ 0.1 ms a cache
 * entry), in a task after the frame's update rather than inside it. They are written before
 * anything that may read them: a barrier (a run's end, a summary, a question) and a flush.
 */
export function createInbox(handlers: InboxHandlers, schedule: FrameScheduler, scheduleWrite: FrameScheduler = nextTask): Inbox {
  let gathered: PushMessage[] = [];
  /** Records and stored-value notices not yet handed on, in their order. */
  let writes: (() => void)[] = [];

  const writePending = () => {
    const now = writes;
    writes = [];
    for (const write of now) write();
  };
  const writeLater = once(scheduleWrite, writePending);

  /** Applies a stretch without barriers: one update per run now; its records, then its stored values, in the write task. */
  const applyStretch = (stretch: PushMessage[]) => {
    const persists: PersistMessage[] = [];
    const stored: StoredMessage[] = [];
    const events = new Map<string, WireEvent[]>();
    for (const message of stretch) {
      if (message.type === 'persist-extracts') persists.push(message);
      else if (message.type === 'values-stored') stored.push(message);
      else if (message.type === 'event') {
        const list = events.get(message.runId);
        if (list) list.push(message.event);
        else events.set(message.runId, [message.event]);
      }
    }
    for (const [runId, list] of events) handlers.events(runId, list);
    // A value is announced as being written before it is announced as stored: records go first.
    for (const message of mergePersists(persists)) writes.push(() => handlers.persist(message));
    if (stored.length) {
      const notice: StoredMessage = { type: 'values-stored', refs: stored.flatMap((m) => m.refs), failed: stored.flatMap((m) => m.failed) };
      writes.push(() => handlers.stored(notice));
    }
    if (writes.length) writeLater();
  };

  const later = once(schedule, () => flushFrame(ENDS_PER_FRAME));

  /** Applies the gathered messages in order, up to `ends` step ends; the rest waits for the next frame. */
  const flushFrame = (ends: number) => {
    let taken = 0;
    let stretch: PushMessage[] = [];
    let left = ends;
    for (; taken < gathered.length && left > 0; taken++) {
      const message = gathered[taken] as PushMessage;
      if (message.type === 'event' || message.type === 'persist-extracts' || message.type === 'values-stored') {
        stretch.push(message);
        if (message.type === 'event' && message.event.type === 'end') left--;
        continue;
      }
      applyStretch(stretch);
      stretch = [];
      writePending();
      handlers.other(message);
    }
    gathered = gathered.slice(taken);
    applyStretch(stretch);
    if (gathered.length) later();
  };

  return {
    push(message) {
      gathered.push(message);
      later();
    },
    flush: () => {
      while (gathered.length) flushFrame(Infinity);
      writePending();
    },
  };
}

/**
 * The page's side of the run worker: makes the worker when first needed, matches each reply to its
 * request (one promise per request), and drops replies a newer request of the same channel made stale.
 * Messages that are not replies (run events, summaries, persistence) go to `onPush`.
 */
import type { RunWorkerFactory, RunWorkerPort } from '../../worker/client';
import type { FromWorker, ToWorker } from '../../worker/protocol';

type Reply = Extract<FromWorker, { requestId: number }>;
type Request = Extract<ToWorker, { requestId: number }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

/** Replies by request type. */
interface ReplyOf {
  preview: Extract<Reply, { type: 'preview' | 'preview-failed' }>;
  'get-value': Extract<Reply, { type: 'value' | 'value-failed' }>;
  'get-rows': Extract<Reply, { type: 'rows' | 'rows-failed' }>;
  'export-value': Extract<Reply, { type: 'exported' | 'export-failed' }>;
  'export-workflow': Extract<Reply, { type: 'workflow-exported' | 'workflow-export-failed' }>;
  'store-file': Extract<Reply, { type: 'file-stored' | 'file-failed' }>;
  'sweep-cells': Extract<Reply, { type: 'sweep-cells' | 'sweep-cells-failed' }>;
  'read-import': Extract<Reply, { type: 'import-read' | 'import-read-failed' }>;
  'commit-import': Extract<Reply, { type: 'import-committed' | 'import-commit-failed' }>;
}

/** A request's answer, or 'stale' when a newer request of its channel was sent before it came. */
export type Answer<T> = T | 'stale';

interface Pending {
  channel: string | null;
  resolve(reply: Reply | 'stale'): void;
  reject(error: Error): void;
}

export interface WorkerClientHandlers {
  onPush(message: Exclude<FromWorker, Reply>): void;
  /** The worker died (not on `terminate`); the next request makes a new one. */
  onCrash(message: string): void;
}

export class WorkerClient {
  private port: RunWorkerPort | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Channel → the id of its newest request. */
  private readonly newest = new Map<string, number>();

  constructor(
    private readonly factory: RunWorkerFactory,
    private readonly handlers: WorkerClientHandlers,
  ) {}

  /** Sends a message that expects no reply. */
  post(message: Exclude<ToWorker, Request>): void {
    this.ensurePort().post(message);
  }

  /**
   * Sends a request and resolves with its reply. With a `channel`, a later request on the same
   * channel makes this one's reply 'stale' (e.g. only the newest preview counts).
   */
  request<M extends WithoutId<Request>>(message: M, channel: string | null = null): Promise<Answer<ReplyOf[M['type']]>> {
    const requestId = ++this.nextId;
    if (channel !== null) {
      const older = this.newest.get(channel);
      if (older !== undefined) this.settleStale(older);
      this.newest.set(channel, requestId);
    }
    const answer = new Promise<Reply | 'stale'>((resolve, reject) => this.pending.set(requestId, { channel, resolve, reject }));
    this.ensurePort().post({ ...message, requestId } as Request);
    return answer as Promise<Answer<ReplyOf[M['type']]>>;
  }

  /** Whether a worker exists now (requests and posts make one). */
  get started(): boolean {
    return this.port !== null;
  }

  /** Stops the worker at once (even inside an endless model); pending requests fail. */
  terminate(reason = 'the run worker was stopped'): void {
    this.port?.terminate();
    this.port = null;
    this.failAll(reason);
  }

  private ensurePort(): RunWorkerPort {
    if (this.port) return this.port;
    const port = this.factory(
      (message) => this.receive(message),
      (message) => {
        if (this.port !== port) return;
        this.port = null;
        this.failAll(`the run worker stopped: ${message}`);
        this.handlers.onCrash(message);
      },
    );
    this.port = port;
    return port;
  }

  private receive(message: FromWorker): void {
    if (!('requestId' in message)) return this.handlers.onPush(message);
    const waiting = this.pending.get(message.requestId);
    if (!waiting) return;
    this.pending.delete(message.requestId);
    if (waiting.channel !== null && this.newest.get(waiting.channel) === message.requestId) this.newest.delete(waiting.channel);
    waiting.resolve(message);
  }

  private settleStale(requestId: number): void {
    const waiting = this.pending.get(requestId);
    if (!waiting) return;
    this.pending.delete(requestId);
    waiting.resolve('stale');
  }

  private failAll(reason: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.newest.clear();
    for (const request of waiting) request.reject(new Error(reason));
  }
}

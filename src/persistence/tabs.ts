/**
 * One writer among the tabs of a browser: a Web Lock decides which tab saves; a BroadcastChannel
 * carries "saved", "hand over" and schema-version announcements between tabs.
 */

export interface TabHandlers {
  /** This tab has just become the writer (it must reload what the previous writer saved). */
  onWriterGranted(): void;
  /** Another tab took the writer role. */
  onWriterLost(): void;
  /** A tab running a newer schema appeared: this one must stop writing for good. */
  onNewerVersion(): void;
  /** The writer saved; a read-only tab reloads. */
  onSaved(): void;
  /** Another tab asks to take over: save now, then the lock is released. */
  onHandoverRequested(): Promise<void>;
}

export interface TabCoordinator {
  /** Resolves true when this tab is the writer, false when another tab is. */
  start(handlers: TabHandlers): Promise<boolean>;
  /** Asks the writer to hand over (it saves first); takes the lock by force if it does not answer. */
  takeOver(): Promise<void>;
  announceSaved(): void;
  close(): void;
}

/** The only tab there is (Node, tests, browsers without Web Locks). */
export function soleWriter(): TabCoordinator {
  return { start: async () => true, takeOver: async () => {}, announceSaved: () => {}, close: () => {} };
}

type Message = { type: 'hello'; schema: number } | { type: 'saved' } | { type: 'handover' };

const LOCK_NAME = 'swark-workspace-writer';
const CHANNEL_NAME = 'swark-workspace';
const HANDOVER_WAIT_MS = 2500;

/** Null where Web Locks or BroadcastChannel are missing: the caller then acts as the sole writer. */
export function browserTabCoordinator(schemaVersion: number): TabCoordinator | null {
  if (typeof navigator === 'undefined' || !navigator.locks || typeof BroadcastChannel === 'undefined') return null;
  return new BrowserTabs(navigator.locks, schemaVersion);
}

class BrowserTabs implements TabCoordinator {
  private channel: BroadcastChannel | null = null;
  private handlers: TabHandlers | null = null;
  private releaseHeld: (() => void) | null = null;
  private waiting: AbortController | null = null;
  private newerSeen = false;

  constructor(
    private readonly locks: LockManager,
    private readonly schema: number,
  ) {}

  async start(handlers: TabHandlers): Promise<boolean> {
    this.handlers = handlers;
    this.channel = new BroadcastChannel(CHANNEL_NAME);
    this.channel.onmessage = (event: MessageEvent<Message>) => void this.receive(event.data);
    this.post({ type: 'hello', schema: this.schema });
    const granted = await this.hold({ ifAvailable: true });
    if (!granted) this.waitForLock();
    return granted;
  }

  get isWriter(): boolean {
    return this.releaseHeld !== null;
  }

  /** Requests the lock; resolves whether it was granted now. While held, the lock's promise stays open. */
  private hold(options: LockOptions): Promise<boolean> {
    return new Promise<boolean>((resolveGranted) => {
      this.locks
        .request(LOCK_NAME, options, (lock) => {
          if (!lock) {
            resolveGranted(false);
            return undefined;
          }
          resolveGranted(true);
          return new Promise<void>((release) => {
            this.releaseHeld = release;
          });
        })
        .catch(() => {
          // Stolen by another tab (AbortError), or our own wait was aborted.
          if (this.releaseHeld) {
            this.releaseHeld = null;
            this.handlers?.onWriterLost();
            if (!this.newerSeen) this.waitForLock();
          }
          resolveGranted(false);
        });
    });
  }

  /** Queues for the lock, so this tab becomes the writer when the writer closes or hands over. */
  private waitForLock(): void {
    if (this.waiting || this.newerSeen) return;
    const waiting = new AbortController();
    this.waiting = waiting;
    void this.hold({ signal: waiting.signal }).then((granted) => {
      if (this.waiting === waiting) this.waiting = null;
      if (granted) this.handlers?.onWriterGranted();
    });
  }

  async takeOver(): Promise<void> {
    if (this.isWriter) return;
    this.waitForLock();
    this.post({ type: 'handover' });
    const deadline = Date.now() + HANDOVER_WAIT_MS;
    while (!this.isWriter && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (this.isWriter) return;
    // The writer did not answer (frozen or busy): take the lock by force.
    this.waiting?.abort();
    this.waiting = null;
    if (await this.hold({ steal: true })) this.handlers?.onWriterGranted();
  }

  private async receive(message: Message): Promise<void> {
    if (message.type === 'hello') {
      if (message.schema > this.schema) {
        this.newerSeen = true;
        this.waiting?.abort();
        this.handlers?.onNewerVersion();
        this.release();
      } else if (message.schema < this.schema) {
        this.post({ type: 'hello', schema: this.schema }); // so the older tab learns of us
      }
    } else if (message.type === 'saved') {
      if (!this.isWriter) this.handlers?.onSaved();
    } else if (message.type === 'handover' && this.isWriter) {
      await this.handlers?.onHandoverRequested();
      this.release();
      this.handlers?.onWriterLost();
      this.waitForLock();
    }
  }

  private release(): void {
    const release = this.releaseHeld;
    this.releaseHeld = null;
    release?.();
  }

  announceSaved(): void {
    this.post({ type: 'saved' });
  }

  private post(message: Message): void {
    this.channel?.postMessage(message);
  }

  close(): void {
    this.waiting?.abort();
    this.release();
    this.channel?.close();
    this.channel = null;
  }
}

/**
 * Peak JS heap of a page and its dedicated workers, sampled through the Chrome DevTools Protocol:
 * `Runtime.getHeapUsage` on the page's session, and on each worker through the same session
 * (`Target.setAutoAttach`, non-flat: messages to a worker go through `Target.sendMessageToTarget`).
 * Workers a worker starts are not seen (the pipeline measured starts none).
 */
import type { CDPSession, Page } from '@playwright/test';

interface HeapUsage {
  usedSize: number;
}

export interface HeapPeak {
  /** The page's heap and the workers' heap at the sample where their sum was largest. */
  page: number;
  workers: number;
  total: number;
  samples: number;
}

export class HeapSampler {
  private readonly workers = new Map<string, string>();
  private readonly replies = new Map<number, (usage: HeapUsage) => void>();
  private nextId = 1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private peak: HeapPeak = { page: 0, workers: 0, total: 0, samples: 0 };
  private sampling: Promise<void> = Promise.resolve();

  private constructor(private readonly session: CDPSession) {
    session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
      if (event.targetInfo.type === 'worker') this.workers.set(event.sessionId, event.targetInfo.url);
    });
    session.on('Target.detachedFromTarget', (event: { sessionId: string }) => this.workers.delete(event.sessionId));
    session.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
      if (reply.id === undefined) return;
      this.replies.get(reply.id)?.(reply.result ?? { usedSize: 0 });
      this.replies.delete(reply.id);
    });
  }

  static async attach(page: Page): Promise<HeapSampler> {
    const session = await page.context().newCDPSession(page);
    const sampler = new HeapSampler(session);
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return sampler;
  }

  /** The workers seen (their script URLs). */
  workerUrls(): string[] {
    return [...this.workers.values()];
  }

  private workerHeap(sessionId: string): Promise<number> {
    const id = this.nextId++;
    return new Promise<number>((resolve) => {
      // A worker that ends before it answers counts as 0.
      const timeout = setTimeout(() => resolve(0), 2000);
      this.replies.set(id, (usage) => {
        clearTimeout(timeout);
        resolve(usage.usedSize);
      });
      void this.session
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
        .catch(() => resolve(0));
    });
  }

  async sample(): Promise<void> {
    const [page, ...workers] = await Promise.all([
      this.session.send('Runtime.getHeapUsage').then((usage) => usage.usedSize),
      ...[...this.workers.keys()].map((id) => this.workerHeap(id)),
    ]);
    const workerSum = workers.reduce((sum, size) => sum + size, 0);
    this.peak.samples++;
    if (page + workerSum > this.peak.total) this.peak = { ...this.peak, page, workers: workerSum, total: page + workerSum };
  }

  /** Samples every `everyMs` until `stop()`, one sample at a time. */
  start(everyMs = 200): void {
    this.peak = { page: 0, workers: 0, total: 0, samples: 0 };
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(() => this.sample()).catch(() => undefined);
    }, everyMs);
  }

  async stop(): Promise<HeapPeak> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sampling;
    await this.sample();
    return this.peak;
  }

  /** A full garbage collection on the page and each worker, so a measurement starts from live data only. */
  async collectGarbage(): Promise<void> {
    await this.session.send('HeapProfiler.collectGarbage');
    await Promise.all(
      [...this.workers.keys()].map(
        (sessionId) =>
          new Promise<void>((resolve) => {
            const id = this.nextId++;
            const timeout = setTimeout(resolve, 5000);
            this.replies.set(id, () => {
              clearTimeout(timeout);
              resolve();
            });
            void this.session
              .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }) })
              .catch(() => resolve());
          }),
      ),
    );
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}

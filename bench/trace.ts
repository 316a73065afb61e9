/**
 * Reading Chromium traces in the browser benchmarks: what the main thread's longest task spent its
 * time on (the biggest trace events inside it, and self time by function from V8's sampler).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string; cpuProfile?: CpuProfile; timeDeltas?: number[] } };
}

interface CpuProfile {
  nodes?: { id: number; parent?: number; callFrame: { functionName: string; url?: string; lineNumber: number } }[];
  samples?: number[];
}

const top = (times: Map<string, number>) =>
  [...times]
    .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)') && !name.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(1)} ms`)
    .join('; ');

/**
 * Self and inclusive time by function inside [from, to] (µs), from the V8 sampling profiler's trace
 * chunks. Inclusive time names the app's own callers of the library code that self time shows.
 */
function hotFunctions(events: TraceEvent[], thread: TraceEvent, from: number, to: number): { self: string; inclusive: string } {
  const names = new Map<number, string>();
  const parents = new Map<number, number>();
  const selfUs = new Map<string, number>();
  const inclusiveUs = new Map<string, number>();
  // The page's main thread's profile (the run worker has its own).
  const profile = events.find((event) => event.name === 'Profile' && event.pid === thread.pid && event.tid === thread.tid);
  let time = profile?.ts ?? 0;
  const chunks = events.filter((event) => event.name === 'ProfileChunk' && (!profile || event.id === profile.id));
  for (const chunk of chunks) {
    const data = chunk.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const file = (node.callFrame.url ?? '').split('/').pop() ?? '';
      names.set(node.id, `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`);
      if (node.parent !== undefined) parents.set(node.id, node.parent);
    }
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((sample, i) => {
      const delta = deltas[i] ?? 0;
      time += delta;
      if (time < from || time > to) return;
      const name = names.get(sample) ?? String(sample);
      selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
      // Each function once per sample, however deep it recurses.
      const onStack = new Set<string>();
      for (let id: number | undefined = sample; id !== undefined; id = parents.get(id)) onStack.add(names.get(id) ?? String(id));
      for (const frame of onStack) inclusiveUs.set(frame, (inclusiveUs.get(frame) ?? 0) + delta);
    });
  }
  return { self: top(selfUs), inclusive: top(inclusiveUs) };
}

/** Rendering phases the browser names in a trace, summed over the whole trace (they recur every frame with a change). */
const PHASES = ['FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC'];

/** Main-thread time in all tasks and in each rendering phase over the trace, and how many tasks were long. */
function renderingTotals(onMain: TraceEvent[], tasks: TraceEvent[]): string {
  const sum = (list: TraceEvent[]) => list.reduce((total, event) => total + (event.dur ?? 0), 0) / 1000;
  const phases = PHASES.map((name) => `${name} ${sum(onMain.filter((event) => event.name === name)).toFixed(0)}`).join(', ');
  const long = tasks.filter((task) => (task.dur ?? 0) >= 50_000).length;
  return `whole trace: tasks ${sum(tasks).toFixed(0)} ms (${long} of ${tasks.length} ≥ 50 ms); ${phases} ms`;
}

/** The longest task on the page's main thread in a Chromium trace, and the biggest events inside it. */
function explainLongestTask(trace: Buffer): string {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (!main) return 'no renderer main thread in the trace';
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined);
  // Starting the trace itself interrupts V8 in one long task: not the page's.
  const interrupts = onMain.filter((event) => event.name === 'V8.InvokeApiInterruptCallbacks');
  const tasks = onMain.filter(
    (event) =>
      (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask') &&
      !interrupts.some((i) => i.ts >= event.ts && i.ts <= event.ts + (event.dur ?? 0)),
  );
  const longest = tasks.reduce<TraceEvent | null>((best, task) => (!best || (task.dur ?? 0) > (best.dur ?? 0) ? task : best), null);
  if (!longest) return 'no tasks in the trace';
  const end = longest.ts + (longest.dur ?? 0);
  const inside = onMain
    .filter((event) => event !== longest && event.ts >= longest.ts && event.ts + (event.dur ?? 0) <= end && (event.dur ?? 0) > 2000)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 8)
    .map(
      (event) =>
        `${event.name}${event.args?.data?.functionName ? ` ${event.args.data.functionName}` : ''}${event.args?.data?.type ? ` (${event.args.data.type})` : ''} ${((event.dur ?? 0) / 1000).toFixed(1)} ms`,
    );
  const hot = hotFunctions(events, main, longest.ts, end);
  const whole = hotFunctions(events, main, 0, Number.POSITIVE_INFINITY);
  return (
    `${renderingTotals(onMain, tasks)}\n    whole trace, self: ${whole.self}\n    whole trace, inclusive: ${whole.inclusive}\n    ` +
    `longest task ${((longest.dur ?? 0) / 1000).toFixed(1)} ms: ${inside.join('; ') || '(no traced event over 2 ms inside)'}` +
    `\n    self time by function: ${hot.self || '(no samples)'}\n    inclusive time by function: ${hot.inclusive || '(no samples)'}`
  );
}

/** Runs `work`; when `tracing`, inside a Chromium trace whose longest main-thread task is printed. */
export async function traced<T>(browser: Browser, page: Page, tracing: boolean, label: string, work: () => Promise<T>): Promise<T> {
  if (!tracing) return work();
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'toplevel',
      'disabled-by-default-v8.cpu_profiler',
    ],
  });
  try {
    return await work();
  } finally {
    const trace = await browser.stopTracing();
    // TRACE_OUT=<folder> keeps each trace, to open in DevTools' Performance panel.
    if (process.env.TRACE_OUT) writeFileSync(join(process.env.TRACE_OUT, `${label.replace(/[^\w]+/g, '-')}-${Date.now()}.json`), trace);
    console.log(`  trace (${label}): ${explainLongestTask(trace)}`);
  }
}

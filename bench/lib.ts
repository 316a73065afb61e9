/**
 * Same-run comparisons: the subject and its baseline run interleaved (A B A B …) after a
 * warm-up, and the figure is the median of the per-pair ratios, which holds on a noisy machine.
 * Optionally timed by this process's CPU time rather than the wall clock: on a machine shared by
 * many processes, wall time also counts the time the scheduler gave to others, and the longer a
 * task, the more of it; CPU time does not (it does count this process's GC threads, which is work).
 * Only for tasks that never wait (CPU time stands still while a task awaits I/O or a timer).
 */
export interface Comparison {
  name: string;
  subjectMs: number;
  baselineMs: number;
  ratio: number;
  target?: number;
}

type Task = () => unknown | Promise<unknown>;
export type Clock = 'wall' | 'cpu';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const clocks: Record<Clock, () => number> = { wall: () => performance.now(), cpu: cpuMs };

async function time(task: Task, clock: () => number): Promise<number> {
  const start = clock();
  await task();
  return clock() - start;
}

export async function compare(
  name: string,
  subject: { label: string; setup?: () => unknown | Promise<unknown>; run: Task },
  baseline: { label: string; setup?: () => unknown | Promise<unknown>; run: Task },
  options: { samples?: number; warmup?: number; target?: number; clock?: Clock } = {},
): Promise<Comparison> {
  const samples = options.samples ?? 15;
  const warmup = options.warmup ?? 3;
  const clock = clocks[options.clock ?? 'wall'];
  const unit = options.clock === 'cpu' ? 'ms CPU' : 'ms';
  const subjectTimes: number[] = [];
  const baselineTimes: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    await subject.setup?.();
    const s = await time(subject.run, clock);
    await baseline.setup?.();
    const b = await time(baseline.run, clock);
    if (i < warmup) continue;
    subjectTimes.push(s);
    baselineTimes.push(b);
    ratios.push(s / b);
  }
  const result: Comparison = {
    name,
    subjectMs: median(subjectTimes),
    baselineMs: median(baselineTimes),
    ratio: median(ratios),
    ...(options.target ? { target: options.target } : {}),
  };
  const verdict = options.target ? (result.ratio <= options.target ? `✓ target ≤ ${options.target}×` : `✗ target ≤ ${options.target}×`) : '';
  console.log(
    `${name}\n  ${subject.label.padEnd(44)} ${result.subjectMs.toFixed(2).padStart(9)} ${unit}\n  ${baseline.label.padEnd(44)} ${result.baselineMs.toFixed(2).padStart(9)} ${unit}\n  ratio (median of ${samples} pairs) ${result.ratio.toFixed(2)}×  ${verdict}`,
  );
  return result;
}

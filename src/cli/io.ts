/** Where a command writes: stdout for results, stderr for diagnostics. Tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** The directory relative paths are taken from. */
  cwd: string;
}

export function processIO(): CliIO {
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    cwd: process.cwd(),
  };
}

/** Collects output in memory (tests, `--json` reports). */
export function bufferIO(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, cwd, out: (text) => void stdout.push(text), err: (text) => void stderr.push(text) };
}

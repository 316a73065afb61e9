/**
 * The headless `swark` command: run, validate and inspect workflows in Node with the same engine
 * and models as the app. `bin/swark.mjs` loads this through tsx; tests call {@link main} directly.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import '../models';
import '../apps';
import { errorMessage } from '../engine';
import { exportSchemaCommand } from './commands/exportSchema';
import { inspectCommand } from './commands/inspect';
import { DEFAULT_WORKSPACE, runCommand } from './commands/run';
import { sweepCommand } from './commands/sweep';
import { validateCommand } from './commands/validate';
import { CliError, EXIT_FAILURE, EXIT_USAGE, UsageError } from './errors';
import { parseFileOptions } from './files';
import type { CliIO } from './io';

export const USAGE = `usage: swark <command> [options]

  swark run <workflow ref or file> [--state <ref or file>] [--workspace <file.sqlite>]
            [--no-use-extracts] [--no-populate-extracts] [--mutable] [--trust-cache] [--json]
            [--file <step id>=<path>]...
      Runs a workflow; extracts, last state and history are kept in the workspace file
      (default ${DEFAULT_WORKSPACE}), so a second run skips unchanged steps. Cached results
      inside a .swark.json are used only with --trust-cache (otherwise recomputed). Files a
      .swark.json embeds are read from it; --file gives a CSV, JSON value or Text step a file
      from disk instead, for this run.
  swark sweep <workflow ref or file> (--state <ref or file> --state <ref or file>… | --set <slot>=<v1>,<v2>,…)
            [--output <slot>]… [--jobs N] [--workspace <file.sqlite>] [--json]
      Runs a workflow over several states (or one slot over several values) and prints a row per
      state, a column per output. The steps that do not depend on what varies run once; --jobs N
      runs N states at a time (one here, the others on worker threads). A second sweep skips what the workspace caches.
  swark validate <file.swark.json>
      Checks an exported workflow file as the app's importer does.
  swark inspect <workspace.sqlite> [--workflow <name>] [--step <id or index>]
      Shows the workflows kept in a workspace file and their cached extracts.
  swark export-schema
      Prints the JSON Schema of the .swark.json format.

References: app://<app>/workflows/<file>[#<export>], app://<app>/states/<file>[#<export>],
workspace://workflows/<name>, workspace://states/<name>[#last]; or a path / file:// URL to a .swark.json.`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse(command: string, args: string[], options: Options, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`swark ${command}: ${errorMessage(error).replace(/\. To specify a positional argument.*$/s, '')}`);
  }
  if (parsed.values.help) return null;
  if (parsed.positionals.length !== positionals) {
    const wanted = positionals === 0 ? 'no arguments' : positionals === 1 ? 'one argument' : `${positionals} arguments`;
    throw new UsageError(`swark ${command} takes ${wanted}${parsed.positionals.length ? `, got: ${parsed.positionals.join(' ')}` : ''}`);
  }
  return parsed;
}

const RUN_OPTIONS = {
  state: { type: 'string' },
  workspace: { type: 'string' },
  'no-use-extracts': { type: 'boolean' },
  'no-populate-extracts': { type: 'boolean' },
  mutable: { type: 'boolean' },
  'trust-cache': { type: 'boolean' },
  json: { type: 'boolean' },
  file: { type: 'string', multiple: true },
} satisfies Options;

const SWEEP_OPTIONS = {
  state: { type: 'string', multiple: true },
  set: { type: 'string' },
  output: { type: 'string', multiple: true },
  jobs: { type: 'string' },
  workspace: { type: 'string' },
  json: { type: 'boolean' },
} satisfies Options;

/** `--jobs`: a whole number of at least 1, or a usage error in words. */
function jobsOf(text: string | undefined): number {
  if (text === undefined) return 1;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of at least 1, not “${text}”`);
  return jobs;
}

async function sweep(args: string[], io: CliIO): Promise<number> {
  const parsed = parse('sweep', args, SWEEP_OPTIONS, 1);
  if (!parsed) return (io.out(USAGE), 0);
  const values = parsed.values as { state?: string[]; set?: string; output?: string[]; jobs?: string; workspace?: string; json?: boolean };
  const json = values.json ?? false;
  try {
    return await sweepCommand(
      {
        target: parsed.positionals[0] as string,
        states: values.state ?? [],
        ...(values.set === undefined ? {} : { set: values.set }),
        outputs: values.output ?? [],
        jobs: jobsOf(values.jobs),
        ...(values.workspace === undefined ? {} : { workspace: values.workspace }),
        json,
      },
      io,
    );
  } catch (error) {
    if (json && (error instanceof CliError || error instanceof UsageError)) io.out(JSON.stringify({ ok: false, error: { message: error.message } }, null, 2));
    throw error;
  }
}

async function dispatch(command: string, args: string[], io: CliIO): Promise<number> {
  switch (command) {
    case 'run': {
      const parsed = parse('run', args, RUN_OPTIONS, 1);
      if (!parsed) return (io.out(USAGE), 0);
      const values = parsed.values as {
        state?: string;
        workspace?: string;
        'no-use-extracts'?: boolean;
        'no-populate-extracts'?: boolean;
        mutable?: boolean;
        'trust-cache'?: boolean;
        json?: boolean;
        file?: string[];
      };
      const json = values.json ?? false;
      try {
        return await runCommand(
          {
            target: parsed.positionals[0] as string,
            ...(values.state === undefined ? {} : { state: values.state }),
            ...(values.workspace === undefined ? {} : { workspace: values.workspace }),
            ...(values['no-use-extracts'] ? { useExtracts: false } : {}),
            ...(values['no-populate-extracts'] ? { populateExtracts: false } : {}),
            mutable: values.mutable ?? false,
            trustCache: values['trust-cache'] ?? false,
            ...(values.file?.length ? { files: parseFileOptions(values.file) } : {}),
            json,
          },
          io,
        );
      } catch (error) {
        // A --json caller reads stdout only: it still gets one report.
        if (json && error instanceof CliError) io.out(JSON.stringify({ ok: false, error: { message: error.message } }, null, 2));
        throw error;
      }
    }
    case 'sweep':
      return sweep(args, io);
    case 'validate': {
      const parsed = parse('validate', args, {}, 1);
      return parsed ? validateCommand(parsed.positionals[0] as string, io) : (io.out(USAGE), 0);
    }
    case 'inspect': {
      const parsed = parse('inspect', args, { step: { type: 'string' }, workflow: { type: 'string' } }, 1);
      if (!parsed) return (io.out(USAGE), 0);
      const values = parsed.values as { step?: string; workflow?: string };
      return inspectCommand({ workspace: parsed.positionals[0] as string, ...values }, io);
    }
    case 'export-schema': {
      return parse('export-schema', args, {}, 0) ? exportSchemaCommand(io) : (io.out(USAGE), 0);
    }
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"; the commands are run, sweep, validate, inspect, export-schema`);
  }
}

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined) throw new UsageError('no command given');
    return await dispatch(command, args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err(`run "swark --help" for usage`);
      return EXIT_USAGE;
    }
    io.err(`error: ${errorMessage(error)}`);
    return EXIT_FAILURE;
  }
}

/**
 * Backup import, the store side. Persistence checks the file and its rows (`backupImport.ts`);
 * here every workflow goes through the `.swark.json` importer — the same rules as a file import:
 * unique step ids, mappings that lead somewhere, fields the models have, no cycle — and its code
 * steps are marked untrusted, so they run only after the person trusts them. The review says
 * what the backup holds beside what it would replace; nothing changes until it is confirmed.
 */
import { roundedAnnotations } from '../../format/annotations';
import { FORMAT_NAME, FORMAT_VERSION } from '../../format/constants';
import type { BackupContents, CheckedBackup } from '../../persistence/backupImport';
import type { WorkflowRecord, WorkflowSummary } from '../../persistence/types';
import type { Workspace } from '../../persistence/workspace';
import type { WorkspaceDatabase } from '../../persistence/workspaceDb';
import { isCodeModel, portsOf } from '../graph/catalog';

/** A checked backup waiting for the person's word. */
export interface BackupReview {
  fileName: string;
  holds: BackupContents & {
    /** Code steps that arrive untrusted (disabled until trusted in the inspector). */
    untrustedSteps: number;
    /** Kept but worth telling, e.g. a model this app does not have, shown as a placeholder. */
    warnings: string[];
  };
  /** What the workspace holds now, all of which the backup replaces; null when there is nothing to replace (damaged, or empty). */
  replaces: { workflows: WorkflowSummary[]; runs: number; extracts: number } | null;
  backup: CheckedBackup;
}

/** The importer's view of a stored workflow: the `.swark.json` file it would be exported as. */
function asFileText(record: WorkflowRecord): string {
  const layout = Object.fromEntries(Object.entries(record.layout).map(([id, { untrusted: _trust, ...place }]) => [id, place]));
  const states = record.states && Object.keys(record.states).length ? { states: record.states } : {};
  const annotations = record.annotations?.length ? { annotations: roundedAnnotations(record.annotations) } : {};
  return JSON.stringify({
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    name: record.name,
    workflow: record.workflow,
    layout,
    state: record.state,
    ...states,
    ...annotations,
  });
}

/**
 * Runs every workflow of `database` through the importer; rewrites each with its code steps
 * untrusted. Returns the warnings and how many steps were distrusted; throws, naming the workflow
 * and step, when the importer refuses one.
 */
async function checkWorkflows(database: WorkspaceDatabase): Promise<{ untrustedSteps: number; warnings: string[] }> {
  // The importer validates with zod: it loads with the first import, not with the editor.
  const { importWorkflowText } = await import('../../format/importer');
  const refused: string[] = [];
  const warnings: string[] = [];
  let untrustedSteps = 0;
  for (const { id } of database.listWorkflows()) {
    const record = database.getWorkflow(id) as WorkflowRecord;
    const where = `workflow "${record.name}" (row "${id}")`;
    const result = importWorkflowText(asFileText(record), { portsOf, isCodeModel });
    if (!result.ok) {
      refused.push(...result.problems.map((problem) => `${where}: ${problem.message}`));
      continue;
    }
    warnings.push(...result.warnings.map((warning) => `${where}: ${warning.message}`));
    const layout = { ...record.layout };
    for (const node of result.graph.nodes) {
      if (!node.untrusted) continue;
      untrustedSteps++;
      const { x, y } = layout[node.id] ?? node.position;
      layout[node.id] = { ...layout[node.id], x, y, untrusted: true };
    }
    database.saveWorkflow({ ...record, layout });
  }
  if (refused.length) {
    throw new Error(
      `it holds a workflow a file import would refuse: ${refused.slice(0, 6).join(' ')}${refused.length > 6 ? ` (and ${refused.length - 6} more)` : ''}`,
    );
  }
  return { untrustedSteps, warnings };
}

/** Reads, checks and reviews a backup file; throws in words (naming table, row, field or step) when it is refused. */
export async function reviewBackup(workspace: Workspace, fileName: string, bytes: Uint8Array): Promise<BackupReview> {
  const backup = await workspace.readBackup(bytes);
  try {
    const checked = await checkWorkflows(backup.database);
    const counts = workspace.damage ? null : workspace.database.counts();
    const replaces =
      counts && counts.workflows + counts.runs + counts.extracts > 0
        ? { workflows: workspace.listWorkflows(), runs: counts.runs, extracts: counts.extracts }
        : null;
    return { fileName, holds: { ...backup.contents, ...checked }, replaces, backup };
  } catch (error) {
    backup.database.close();
    throw error;
  }
}

/** What was taken in, in words (the message after an import). */
export function takenInText(review: BackupReview, saved: boolean, notice: string | null): string {
  const { holds } = review;
  const parts = [plural(holds.workflows.length, 'workflow'), plural(holds.runs, 'run'), plural(holds.extracts, 'cached step')];
  const one = holds.untrustedSteps === 1;
  const distrusted = holds.untrustedSteps
    ? ` ${plural(holds.untrustedSteps, 'code step')} stay${one ? 's' : ''} disabled until you trust ${one ? 'it' : 'them'}.`
    : '';
  const save = saved ? '' : ` It is kept in this tab but not saved yet${notice ? `: ${notice}` : '.'}`;
  return `Workspace restored from “${review.fileName}”: ${parts.join(', ')} taken in.${distrusted}${save}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

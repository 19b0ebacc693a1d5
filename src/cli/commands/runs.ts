/* runs ls | show | undo | resume | export: the bulk journal shared with the desktop app.
 * ls/show/export only read the journal (no server, no sign-in); undo and resume act through
 * BulkStagingService (fresh read first, journalled like any run). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { ExportFormat, RunDetail, RunRecord } from '../../shared/bulk/types';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { formatDuration, formatTime, table } from '../output';
import { driveRun, itemsTable } from '../run-display';
import type { Action, Bind } from './action';
import { confirmChange, parseConcurrency } from './staging';
import { isProductionServer } from '../../shared/server-environment';

function requireRun(ctx: CliContext, runId: string): RunDetail {
  const run = ctx.services.bulk().getRun(runId);
  if (!run) throw new CliError(`No run ${runId} in the journal at ${ctx.services.dataDir}. List runs with: evo-console runs ls`, EXIT.notFound);
  return run;
}

/** "running" in the journal but its process is gone: a crash or kill; `runs resume` continues it. */
function interruptedIds(ctx: CliContext): Set<string> {
  return new Set(ctx.services.bulk().findInterrupted().map((r) => r.run.id));
}

const statusOf = (run: RunRecord, interrupted: Set<string>) => (run.status === 'running' && interrupted.has(run.id) ? 'interrupted' : run.status);

export const ls: Action<[]> = async (ctx) => {
  const runs = ctx.services.bulk().listRuns();
  const interrupted = interruptedIds(ctx);
  ctx.out.result({ runs: runs.map((r) => ({ ...r, status: statusOf(r, interrupted) })) }, () => {
    if (runs.length === 0) {
      ctx.out.line('No runs in the journal yet.');
      return;
    }
    const c = ctx.out.c;
    ctx.out.line(
      table(
        runs,
        [
          { header: 'RUN', value: (r) => r.id },
          { header: 'KIND', value: (r) => (r.parentRunId ? `${r.kind} of ${r.parentRunId.slice(0, 8)}` : r.kind) },
          { header: 'STATUS', value: (r) => statusOf(r, interrupted), paint: (t) => (t.startsWith('interrupted') ? c.red(t) : t.startsWith('cancelled') ? c.yellow(t) : t) },
          { header: 'TARGET', value: (r) => r.target },
          { header: 'CHANGED', value: (r) => String(r.counts.changed), right: true },
          { header: 'FAILED', value: (r) => String(r.counts.failed), right: true },
          { header: 'TOTAL', value: (r) => String(r.counts.total), right: true },
          { header: 'CREATED', value: (r) => formatTime(r.createdAt) },
          { header: 'ACCOUNT', value: (r) => r.identity.accountName ?? r.identity.accountId ?? '' },
          { header: 'SERVER', value: (r) => r.identity.serverUrl ?? '' },
        ],
        c,
      ),
    );
    if (interrupted.size > 0) ctx.out.note(`${interrupted.size} interrupted run(s): continue with evo-console runs resume RUN`);
  });
};

export const show: Action<[string]> = async (ctx, runId) => {
  const run = requireRun(ctx, runId);
  const status = statusOf(run, interruptedIds(ctx));
  ctx.out.result({ ...run, status }, () => {
    const c = run.counts;
    const lines: [string, string][] = [
      ['Run', `${run.id} (${run.kind}${run.parentRunId ? ` of ${run.parentRunId}` : ''})`],
      ['Status', status],
      ['Target', run.target],
      ['Who', `${run.identity.userEmail ?? '?'} on ${run.identity.serverUrl ?? '?'}, account ${run.identity.accountName ?? ''} (${run.identity.accountId ?? '?'})`],
      ['Created', formatTime(run.createdAt)],
      ['Duration', `${formatDuration(run.durationMs)}${run.resumeCount ? `, resumed ${run.resumeCount}×` : ''}`],
      ['Counts', `${c.total} items: ${c.changed} changed, ${c.alreadyInState} already, ${c.failed} failed, ${c.notAccessible} not accessible, ${c.skipped} skipped, ${c.cancelled} cancelled, ${c.pending + c.inFlight} unknown`],
    ];
    const width = Math.max(...lines.map(([k]) => k.length));
    for (const [k, v] of lines) ctx.out.line(`${ctx.out.c.bold(k.padEnd(width))}  ${v}`);
    ctx.out.line('');
    ctx.out.line(itemsTable(ctx, run.items));
  });
};

export const undo: Action<[string, { yes?: boolean; concurrency?: string }]> = async (ctx, runId, options) => {
  const concurrency = parseConcurrency(options.concurrency);
  const run = requireRun(ctx, runId);
  const identity = await ctx.onlineIdentity('runs undo');
  const count = run.counts.changed;
  await confirmChange(ctx, {
    yes: options.yes,
    count,
    production: isProductionServer(identity.profile),
    what: `set ${count} customer${count === 1 ? '' : 's'} changed by run ${run.id} back (where nobody changed them since)`,
    show: () => ctx.out.stderr.write(`Run ${run.id} switched ${count} customer(s) to ${run.target}; undo sets them back.\n`),
  });
  const handle = await ctx.services.bulk(identity).undo(run.id, concurrency === undefined ? {} : { concurrency });
  ctx.out.note(`Undo run ${handle.runId} started.`);
  await driveRun(ctx, handle, 'undoing');
};

export const resume: Action<[string, { concurrency?: string }]> = async (ctx, runId, options) => {
  const concurrency = parseConcurrency(options.concurrency);
  requireRun(ctx, runId);
  const identity = await ctx.onlineIdentity('runs resume');
  const handle = await ctx.services.bulk(identity).resume(runId, concurrency === undefined ? {} : { concurrency });
  const r = handle.recovery;
  ctx.out.note(`Recovered run ${runId}: ${r.confirmedChanged} confirmed changed on the server, ${r.stillPending} still to do, ${r.notAccessible} not accessible now. Continuing…`);
  await driveRun(ctx, handle, 'resuming');
};

export const exportRun: Action<[string, { format: ExportFormat; out?: string }]> = async (ctx, runId, options) => {
  requireRun(ctx, runId);
  const text = ctx.services.bulk().exportRun(runId, options.format);
  if (!options.out) {
    // The export itself is the command's output (already JSON with --format json).
    ctx.out.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const file = path.resolve(options.out);
  writeFileSync(file, text, { mode: 0o600 });
  ctx.out.result({ runId, format: options.format, file, bytes: Buffer.byteLength(text) }, () => ctx.out.line(`Wrote ${options.format.toUpperCase()} audit of run ${runId} to ${file}`));
};

export function registerRunCommands(program: Command, bind: Bind): void {
  const runs = program.command('runs').description('the bulk-staging journal (shared with the desktop app): list, inspect, undo, resume, export');
  runs.command('ls').description('every run, newest first; "interrupted" = its process died (resume it)').action(bind(ls));
  runs.command('show').description('one run and every item: before, after, outcome, attempts, error').argument('<run>', 'run id').action(bind(show));
  runs
    .command('undo')
    .description('set back what a run changed, only where the server still shows what the run set (itself a journalled run)')
    .argument('<run>', 'run id')
    .option('--yes', 'do not ask (required without a terminal)')
    .option('--concurrency <n>', 'requests at once (1-16)')
    .action(bind(undo));
  runs
    .command('resume')
    .description('continue an interrupted run (process killed or crashed): re-reads unknown items, then sends only what is still needed')
    .argument('<run>', 'run id')
    .option('--concurrency <n>', 'requests at once (1-16; default: as the run was started)')
    .action(bind(resume));
  runs
    .command('export')
    .description('audit export of a run (who, where, every item) as CSV or JSON')
    .argument('<run>', 'run id')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).makeOptionMandatory())
    .option('--out <file>', 'write to FILE (mode 0600) instead of stdout')
    .action(bind(exportRun));
}

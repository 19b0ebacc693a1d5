/* runs ls | show | undo | retry | continue | export: the bulk journal shared with the desktop app.
 * ls/show/export only read the journal (no server, no sign-in); undo, retry and continue act
 * through BulkStagingService (fresh read first, journalled like any run). A run is named by its
 * id or a unique prefix of it. */
import path from 'node:path';
import { routingOfTarget, targetWords } from '../../shared/routing-words';
import { describeSubject } from '../../shared/bulk/subject';
import { undoOf } from '../../shared/bulk/undo';
import { writeOwnerOnlyFileAtomically } from '../../main/files/owner-only';
import type { BulkStagingService } from '../../main/bulk/bulk-staging-service';
import { formatDateTime, formatDuration, plural } from '../../shared/format';
import type { ExportFormat, RunDetail, RunRecord } from '../../shared/bulk/types';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { resolveIdPrefix } from '../id-prefix';
import { driveRun, errorLines, itemsTable } from '../run-display';
import { terminalSafe, terminalSafeLines } from '../terminal-text';
import type { Action } from './action';
import { applyMaxRate, confirmChange, parseConcurrency, type RunRateOptions } from './staging';
import { isProductionServer } from '../../shared/server-environment';

const RUNS = { what: 'run', listCommand: 'evo-console runs ls' };
const SHORT_ID = 8;
const short = (id: string) => id.slice(0, SHORT_ID);

async function requireRun(ctx: CliContext, text: string): Promise<RunDetail> {
  const bulk = await ctx.services.journal();
  const id = resolveIdPrefix(text, bulk.listRuns().map((r) => r.id), RUNS);
  const run = bulk.getRun(id);
  if (!run) throw new CliError(`No run ${text} in the journal at ${ctx.services.dataDir}. List runs with: evo-console runs ls`, EXIT.notFound);
  return run;
}

/** "running" in the journal but nobody drives it (a crash, a kill, a stop); `runs continue` finishes it. */
function interruptedIds(bulk: BulkStagingService): Set<string> {
  return new Set(bulk.findInterrupted().map((r) => r.run.id));
}

const statusOf = (run: RunRecord, interrupted: Set<string>) => (run.status === 'running' && interrupted.has(run.id) ? 'interrupted' : run.status);

const kindText = (run: Pick<RunRecord, 'kind' | 'parentRunId'>) => {
  const kind = run.kind === 'retryFailed' ? 'retry' : run.kind;
  return run.parentRunId ? `${kind} of ${short(run.parentRunId)}` : kind;
};

export const ls: Action<[]> = async (ctx) => {
  const bulk = await ctx.services.journal();
  const runs = bulk.listRuns();
  const interrupted = interruptedIds(bulk);
  const rows = runs.map((r) => ({ ...r, status: statusOf(r, interrupted), subject: describeSubject(r.subject), undoneBy: undoOf(runs, r.id)?.id ?? null }));
  ctx.out.result({ runs: rows }, () => {
    const c = ctx.out.c;
    ctx.out.listing(
      rows,
      [
        { header: 'RUN', value: (r) => short(r.id) },
        { header: 'KIND', value: kindText },
        { header: 'STATUS', value: (r) => (r.undoneBy ? `${r.status}, undone` : r.status), paint: (t) => (t.startsWith('interrupted') ? c.red(t) : t.startsWith('cancelled') ? c.yellow(t) : t) },
        { header: 'TARGET', value: (r) => routingOfTarget(r.target) },
        { header: 'SUBJECT', value: (r) => r.subject },
        { header: 'CHANGED', value: (r) => String(r.counts.changed), right: true },
        { header: 'FAILED', value: (r) => String(r.counts.failed), right: true },
        { header: 'TOTAL', value: (r) => String(r.counts.total), right: true },
        { header: 'CREATED', value: (r) => formatDateTime(r.createdAt) },
        { header: 'ACCOUNT', value: (r) => r.identity.accountName ?? r.identity.accountId ?? '' },
        { header: 'SERVER', value: (r) => r.identity.serverUrl ?? '' },
      ],
      'No runs in the journal yet.',
    );
    if (interrupted.size > 0) ctx.out.note(`${plural(interrupted.size, 'interrupted run')}: continue with evo-console runs continue RUN`);
  });
};

export const show: Action<[string]> = async (ctx, text) => {
  const run = await requireRun(ctx, text);
  const bulk = await ctx.services.journal();
  const runs = bulk.listRuns();
  const status = statusOf(run, interruptedIds(bulk));
  const undone = undoOf(runs, run.id)?.id ?? null;
  ctx.out.result({ ...run, status, undoneBy: undone }, () => {
    const c = run.counts;
    const who = run.identity;
    const lines: [string, string][] = [
      ['Run', `${run.id} (${kindText(run)})`],
      ['Status', `${status}${undone ? `, undone by run ${short(undone)}` : ''}`],
      ['Target', targetWords(run.target)],
      ['About', terminalSafe(describeSubject(run.subject)) || '—'],
      ['Who', terminalSafe(`${who.userEmail ?? '?'} on ${who.serverUrl ?? '?'}, account ${who.accountName ?? ''} (${who.accountId ?? '?'})`)],
      ['Created', formatDateTime(run.createdAt)],
      ['Duration', `${formatDuration(run.durationMs)}${run.continueCount ? `, continued ${run.continueCount}×` : ''}`],
      [
        'Counts',
        `${plural(c.total, 'item')}: ${c.changed} changed, ${c.alreadyInState} already on ${targetWords(run.target)}, ${c.failed} failed, ${c.notAccessible} not accessible, ` +
          `${c.skipped} skipped, ${c.cancelled} not sent (cancelled), ${c.pending + c.inFlight} not settled`,
      ],
    ];
    const width = Math.max(...lines.map(([k]) => k.length));
    for (const [k, v] of lines) ctx.out.line(`${ctx.out.c.bold(k.padEnd(width))}  ${v}`);
    ctx.out.line('');
    ctx.out.line(itemsTable(ctx, run.items));
    const errors = errorLines(run.items);
    if (errors.length > 0) {
      ctx.out.line('');
      ctx.out.line('Errors:');
      for (const line of errors) ctx.out.line(`  ${line}`);
    }
  });
};

export const undo: Action<[string, { yes?: boolean } & RunRateOptions]> = async (ctx, text, options) => {
  const concurrency = parseConcurrency(options.concurrency);
  const run = await requireRun(ctx, text);
  const identity = await ctx.onlineIdentity('runs undo');
  applyMaxRate(ctx, options.maxRate);
  const count = run.counts.changed;
  await confirmChange(ctx, {
    yes: options.yes,
    count,
    production: isProductionServer(identity.profile),
    what: `set ${plural(count, 'customer')} changed by run ${short(run.id)} back (where nobody changed them since)`,
    show: () => ctx.out.stderr.write(`Run ${run.id} switched ${plural(count, 'customer')} to ${targetWords(run.target)}; undo sets them back.\n`),
  });
  const handle = await ctx.services.bulk(identity).undo(run.id, concurrency === undefined ? {} : { concurrency });
  ctx.out.note(`Undo run ${handle.runId} started.`);
  await driveRun(ctx, handle, 'undoing');
};

export const retry: Action<[string, { yes?: boolean } & RunRateOptions]> = async (ctx, text, options) => {
  const concurrency = parseConcurrency(options.concurrency);
  const run = await requireRun(ctx, text);
  const count = run.counts.failed;
  if (count === 0) throw new CliError(`Run ${short(run.id)} has no failed customers to try again.`, EXIT.usage);
  const identity = await ctx.onlineIdentity('runs retry');
  applyMaxRate(ctx, options.maxRate);
  await confirmChange(ctx, {
    yes: options.yes,
    count,
    production: isProductionServer(identity.profile),
    what: `try the ${plural(count, 'customer')} that failed in run ${short(run.id)} again (switch to ${targetWords(run.target)})`,
    show: () => ctx.out.stderr.write(`${errorLines(run.items.filter((i) => i.outcome === 'failed')).join('\n')}\n`),
  });
  const handle = await ctx.services.bulk(identity).retryFailed(run.id, concurrency === undefined ? {} : { concurrency });
  ctx.out.note(`Retry run ${handle.runId} started (every customer read again first).`);
  await driveRun(ctx, handle, 'retrying');
};

export const continueRun: Action<[string, RunRateOptions]> = async (ctx, text, options) => {
  const concurrency = parseConcurrency(options.concurrency);
  const run = await requireRun(ctx, text);
  const identity = await ctx.onlineIdentity('runs continue');
  applyMaxRate(ctx, options.maxRate);
  const handle = await ctx.services.bulk(identity).continueInterrupted(run.id, concurrency === undefined ? {} : { concurrency });
  const r = handle.recovery;
  ctx.out.note(`Recovered run ${run.id}: ${r.confirmedChanged} confirmed changed on the server, ${r.stillPending} still to do, ${r.notAccessible} not accessible now. Continuing…`);
  await driveRun(ctx, handle, 'continuing');
};

export const exportRun: Action<[string, { format: ExportFormat; out?: string }]> = async (ctx, text, options) => {
  const run = await requireRun(ctx, text);
  const exported = (await ctx.services.journal()).exportRun(run.id, options.format);
  if (!options.out) {
    // The export itself is the command's output: exact for a pipe or file, made safe for a terminal.
    const body = exported.endsWith('\n') ? exported : `${exported}\n`;
    ctx.out.stdout.write(ctx.out.stdout.isTTY ? terminalSafeLines(body) : body);
    return;
  }
  const file = path.resolve(options.out);
  writeOwnerOnlyFileAtomically(file, exported);
  ctx.out.result({ runId: run.id, format: options.format, file, bytes: Buffer.byteLength(exported) }, () =>
    ctx.out.line(`Wrote the ${options.format.toUpperCase()} audit of run ${run.id} to ${terminalSafe(file)}`),
  );
};

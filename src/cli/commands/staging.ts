/* staging plan | apply: BulkStagingService does the work (fresh read, journal, bounded
 * concurrency, verify); this module turns flags into a PlanRequest, shows the plan, applies
 * the confirmation rule shared with the desktop app, and drives the run.
 *
 * Confirmed means bounded: the run writes only the customers of the plan that was confirmed,
 * while they are as it showed them. On a terminal, customers that changed between the
 * confirmation and the start are shown as differences and a fresh plan is asked for again;
 * with --yes (plan fresh, then apply that plan) they are left alone and reported. --max N
 * refuses a plan that would change more than N (exit 9, nothing sent). */
import { AppError } from '../../shared/errors';
import { routingOf, targetWords } from '../../shared/routing-words';
import { requiresTypedCount, typedCountMatches } from '../../shared/bulk/confirm-rule';
import { breadcrumbText, dedupeIds, driftSize } from '../../shared/bulk/plan-logic';
import { MAX_RATE_CEILING, MIN_RATE_CEILING } from '../../shared/request-rate';
import { routingAsTarget } from '../../shared/bulk/counts';
import { formatDateTime, plural } from '../../shared/format';
import { MAX_CONCURRENCY, MIN_CONCURRENCY, type BulkPlan, type PlanDrift, type PlanRequest, type TargetState } from '../../shared/bulk/types';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { readIdFile } from '../id-file';
import { pathText, table } from '../output';
import { progressView } from '../progress';
import { canPrompt, confirmTypedCount, confirmYesNo } from '../prompts';
import { driveRun } from '../run-display';
import type { RunHandle } from '../../main/bulk/run-launcher';
import type { CliIdentity } from '../services';
import { onInterrupt } from '../signals';
import { tagIdsFor } from '../tag-names';
import type { Action } from './action';
import { isProductionServer } from '../../shared/server-environment';
import { parseReturnBy } from '../../shared/staging-now';

interface TargetOptions {
  /** 'normal' is the console's word for the API's 'production'. */
  to: TargetState | 'normal';
  subtree: string[];
  tag: string[];
  fromFile?: string;
  column?: string;
}

interface PlanOptions extends TargetOptions {
  save?: boolean;
}

/** --concurrency and --max-rate: how a run sends. */
export interface RunRateOptions {
  concurrency?: string;
  maxRate?: string;
}

/** Options of the commands that apply a plan (staging apply, plans apply). */
export interface ApplyPlanOptions extends RunRateOptions {
  yes?: boolean;
  showAll?: boolean;
  max?: string;
  /** A run to staging: when its customers should be back (ISO time or a duration such as 2h). */
  returnBy?: string;
}

type ApplyOptions = TargetOptions & ApplyPlanOptions;

/** Rows of the plan shown before the question unless --show-all: the summary stays on screen. */
const ROWS_BEFORE_ASKING = 20;

/** The targets named on the command line and in --from-file (tags are resolved once signed in). */
function namedTargets(ids: string[], options: TargetOptions): PlanRequest {
  if (options.column !== undefined && options.fromFile === undefined) throw new CliError('--column goes with --from-file FILE.', EXIT.usage);
  const fromFile = options.fromFile === undefined ? [] : readIdFile(options.fromFile, options.column);
  const request: PlanRequest = { target: options.to === 'normal' ? 'production' : options.to, customerIds: dedupeIds([...ids, ...fromFile]), subtreeRootIds: dedupeIds(options.subtree) };
  if (request.customerIds?.length === 0 && request.subtreeRootIds?.length === 0) {
    throw new CliError('Name the customers: one or more IDs, --subtree ID and/or --from-file FILE.', EXIT.usage);
  }
  return request;
}

async function withTags(ctx: CliContext, identity: CliIdentity, request: PlanRequest, tags: string[]): Promise<PlanRequest> {
  const tagIds = await tagIdsFor(ctx, identity, tags);
  return tagIds ? { ...request, tagIds } : request;
}

/** Makes the plan (server, or the cache with --offline), with progress and Ctrl-C = stop. */
async function makePlan(ctx: CliContext, identity: CliIdentity, request: PlanRequest): Promise<BulkPlan> {
  const bulk = ctx.services.bulk(identity);
  if (identity.offline) return bulk.planFromCache(request);
  const view = progressView(ctx.out, 'reading');
  const abort = new AbortController();
  const off = onInterrupt(() => abort.abort());
  try {
    return await bulk.plan(request, { signal: abort.signal, onProgress: (p) => view.update(p.customersFound, null, 'customers') });
  } finally {
    view.stop();
    off();
  }
}

/** A customer named on the command line (id or subtree root) that cannot be read stops everything: nothing is sent or journalled. */
function refuseUnreadableNamedTargets(plan: BulkPlan): void {
  const named = new Set([...(plan.request.customerIds ?? []), ...(plan.request.subtreeRootIds ?? [])]);
  const problems = plan.notAccessible.filter((i) => named.has(i.customerId));
  const problem = problems[0];
  if (!problem) return;
  const { kind, message } = problem.reason;
  const more = problems.length - 1;
  const also = more > 0 ? ` (${plural(more, 'more named customer')} ${more === 1 ? 'is' : 'are'} not accessible either)` : '';
  // The service's message already names the customer and what to do.
  throw new AppError({ kind, customerId: problem.customerId, message: `${message.replace(/\.\s*$/, '')}${also}. Nothing was changed.` });
}

export function planDocument(plan: BulkPlan) {
  const item = (i: BulkPlan['toChange'][number]) => ({ id: i.customerId, name: i.name, path: breadcrumbText(i.breadcrumb), now: routingAsTarget(i.isStaging) });
  return {
    planId: plan.id,
    target: plan.target,
    source: plan.source,
    snapshotAt: plan.snapshotAt,
    counts: plan.counts,
    toChange: plan.toChange.map(item),
    alreadyInState: plan.alreadyInState.map(item),
    notAccessible: plan.notAccessible.map((i) => ({ id: i.customerId, name: i.name ?? null, reason: i.reason })),
    unreadable: (plan.unreadable ?? []).map((i) => ({ id: i.customerId, reason: i.reason })),
  };
}

/** "Plan: 177 to change to staging, 23 already on staging, 0 not accessible (200 customers; 290 more left out by tags)." */
export function planSummary(plan: BulkPlan): string {
  const n = plan.counts;
  const tags = n.excludedByTags ? `; ${n.excludedByTags} more left out by tags` : '';
  const unreadable = n.unreadable ? `, ${n.unreadable} could not be read (left out)` : '';
  const cache = plan.source === 'cache' ? `; from the offline cache as of ${formatDateTime(plan.snapshotAt)}` : '';
  return `Plan: ${n.toChange} to change to ${targetWords(plan.target)}, ${n.alreadyInState} already on ${targetWords(plan.target)}, ${n.notAccessible} not accessible${unreadable} (${plural(n.total, 'customer')}${tags}${cache}).`;
}

/** The summary, the customers that would change (the first `limit` of them), and the ones left alone. */
export function printPlan(ctx: CliContext, plan: BulkPlan, options: { toStderr?: boolean; limit?: number } = {}): void {
  const c = options.toStderr ? ctx.out.ec : ctx.out.c;
  const write = (text: string) => (options.toStderr ? ctx.out.stderr.write(`${text}\n`) : ctx.out.line(text));
  write(planSummary(plan));
  if (plan.toChange.length > 0) {
    const shown = options.limit === undefined ? plan.toChange : plan.toChange.slice(0, options.limit);
    write('');
    write(
      table(
        shown,
        [
          { header: 'ID', value: (i) => i.customerId },
          { header: 'NAME', value: (i) => i.name },
          { header: 'NOW', value: (i) => routingOf(i.isStaging) },
          { header: 'PATH', value: (i) => pathText(i.breadcrumb.map((b) => b.name || b.id)) || '(root)' },
        ],
        c,
      ),
    );
    const hidden = plan.toChange.length - shown.length;
    if (hidden > 0) write(`… and ${plural(hidden, 'more customer')} to change (--show-all lists them all).`);
  }
  if (plan.notAccessible.length > 0) {
    write('');
    write('Not accessible (left alone):');
    write(table(plan.notAccessible, [{ header: 'ID', value: (i) => i.customerId }, { header: 'REASON', value: (i) => i.reason.message }], c));
  }
  if (plan.unreadable?.length) {
    write('');
    write('Could not be read (left out of the change):');
    write(table(plan.unreadable, [{ header: 'ID', value: (i) => i.customerId ?? '(no readable id)' }, { header: 'REASON', value: (i) => i.reason.message }], c));
  }
}

export const plan: Action<[string[], PlanOptions]> = async (ctx, ids, options) => {
  const named = namedTargets(ids, options);
  const identity = await ctx.identity();
  const result = await makePlan(ctx, identity, await withTags(ctx, identity, named, options.tag));
  refuseUnreadableNamedTargets(result);
  if (options.save) {
    ctx.services.bulk(identity).savePlan(result);
    ctx.out.note(`Saved as plan ${result.id}: review it with evo-console plans show ${result.id.slice(0, 8)}, apply it with evo-console plans apply ${result.id.slice(0, 8)}`);
  }
  ctx.out.result(planDocument(result), () => printPlan(ctx, result));
};

/** The confirmation rule of the desktop app: yes/no, or the typed count above 25 customers or on production. */
export async function confirmChange(ctx: CliContext, options: { yes?: boolean; count: number; production: boolean; what: string; show: () => void }): Promise<void> {
  if (options.yes) return;
  if (!canPrompt()) {
    throw new CliError(`Refusing to ${options.what} without confirmation: there is no terminal to ask on. Check it with the plan, then add --yes.`, EXIT.confirmation);
  }
  options.show();
  const typed = requiresTypedCount(options.count, options.production);
  const where = options.production ? ctx.out.ec.red(' on PRODUCTION') : '';
  const ok = typed
    ? await confirmTypedCount(`To ${options.what}${where}, type the number of customers (${options.count}): `, (t) => typedCountMatches(t, options.count))
    : await confirmYesNo(`${options.what[0]?.toUpperCase()}${options.what.slice(1)}${where}?`);
  if (!ok) throw new CliError('Not confirmed; nothing was changed.', EXIT.confirmation);
}

export function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < MIN_CONCURRENCY || n > MAX_CONCURRENCY) {
    throw new CliError(`--concurrency must be a whole number from ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY} (got "${text}").`, EXIT.usage);
  }
  return n;
}

/** --max-rate N: this command's request-rate ceiling (the app's setting otherwise). */
export function applyMaxRate(ctx: CliContext, text: string | undefined): void {
  if (text === undefined) return;
  const n = Number(text);
  if (!Number.isInteger(n) || n < MIN_RATE_CEILING || n > MAX_RATE_CEILING) {
    throw new CliError(`--max-rate must be a whole number of requests per second from ${MIN_RATE_CEILING} to ${MAX_RATE_CEILING} (got "${text}").`, EXIT.usage);
  }
  ctx.services.appServices.limiters.setCeiling(n, false);
}

export function parseMax(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--max must be a whole number of customers (got "${text}").`, EXIT.usage);
  return n;
}

/** The customers that changed since a plan was made, one per line (stderr: they go with a prompt or a warning). */
export function printDifferences(ctx: CliContext, drift: PlanDrift): void {
  const rows = [
    ...drift.stateChanged.map((d) => ({ id: d.customerId, name: d.name, change: `was ${routingOf(d.planned)}, now ${routingOf(d.now)}` })),
    ...drift.becameInaccessible.map((d) => ({ id: d.customerId, name: d.name, change: `no longer accessible (${d.reason.message})` })),
    ...drift.becameAccessible.map((d) => ({ id: d.customerId, name: d.name, change: `accessible now (${routingOf(d.now)}); it was not when planned` })),
  ];
  ctx.out.stderr.write(`Changed since the plan was made (${plural(rows.length, 'customer')}):\n`);
  ctx.out.stderr.write(`${table(rows, [{ header: 'ID', value: (r) => r.id }, { header: 'NAME', value: (r) => r.name }, { header: 'CHANGE', value: (r) => r.change }], ctx.out.ec)}\n`);
}

/**
 * Asks (unless --yes), starts the run of `plan` and drives it to the end. On a terminal, when
 * the customers changed between the question and the start, nothing is sent: the differences
 * and the fresh plan are shown and asked about again. `changes`: differences already known
 * (a saved plan read again before asking).
 */
export async function confirmAndRun(ctx: CliContext, identity: CliIdentity, plan: BulkPlan, options: ApplyPlanOptions, changes: PlanDrift | null = null): Promise<void> {
  const concurrency = parseConcurrency(options.concurrency);
  const max = parseMax(options.max);
  applyMaxRate(ctx, options.maxRate);
  const bulk = ctx.services.bulk(identity);
  const returnBy = parseReturnByOption(options.returnBy, plan.target);
  const runOptions = { ...(concurrency === undefined ? {} : { concurrency }), returnBy };
  let current = plan;
  let differences = changes;
  for (;;) {
    const count = current.counts.toChange;
    if (count === 0) {
      if (differences) printDifferences(ctx, differences);
      printNothingToChange(ctx, current);
      return;
    }
    if (max !== undefined && count > max) {
      throw new CliError(`${plural(count, 'customer')} would change, more than --max ${max}; nothing was sent.`, EXIT.confirmation, { planId: current.id });
    }
    const shown = current;
    const known = differences;
    await confirmChange(ctx, {
      yes: options.yes,
      count,
      production: isProductionServer(identity.profile),
      what: `switch ${plural(count, 'customer')} to ${targetWords(current.target)}`,
      show: () => {
        if (known) printDifferences(ctx, known);
        printPlan(ctx, shown, { toStderr: true, ...(options.showAll ? {} : { limit: ROWS_BEFORE_ASKING }) });
      },
    });
    if (options.yes) {
      // Plan fresh, then apply that plan: whatever changed meanwhile is left alone, and said.
      const handle = await bulk.start(current, runOptions);
      const drift = handle.driftSincePlan;
      if (drift && driftSize(drift) > 0) {
        ctx.out.warn(`${plural(driftSize(drift), 'customer')} changed between the plan and the start; only the customers of the plan still as it showed them are changed:`);
        printDifferences(ctx, drift);
      }
      return drive(ctx, handle, count, returnBy);
    }
    const started = await bulk.startIfUnchanged(current, runOptions);
    if (!('drift' in started)) return drive(ctx, started, count, returnBy);
    ctx.out.warn('The customers changed after you confirmed; nothing was sent. Here is what changed, and the plan as it is now:');
    differences = started.drift;
    current = started.fresh;
  }
}

/** --return-by: checked before anything is read or sent; only for a move to staging. */
export function parseReturnByOption(text: string | undefined, target: TargetState): string | null {
  if (text === undefined) return null;
  if (target !== 'staging') throw new CliError('--return-by goes with --to staging (it says when the customers should be back on normal routing).', EXIT.usage);
  const parsed = parseReturnBy(text, new Date());
  if ('error' in parsed) throw new CliError(`--return-by: ${parsed.error}`, EXIT.usage);
  return parsed.returnBy;
}

async function drive(ctx: CliContext, handle: RunHandle, count: number, returnBy: string | null): Promise<void> {
  const due = returnBy ? ` Due back on normal routing by ${formatDateTime(returnBy)} (evo-console staging due lists who is due).` : '';
  ctx.out.note(`Run ${handle.runId} started: ${plural(count, 'customer')} to change (journal: evo-console runs show ${handle.runId.slice(0, 8)}).${due} Ctrl-C cancels cleanly.`);
  await driveRun(ctx, handle, 'applying');
}

/** `apply` with nothing to change: no run is created. */
export function printNothingToChange(ctx: CliContext, plan: BulkPlan): void {
  const n = plan.counts;
  ctx.out.result({ runId: null, target: plan.target, counts: { planned: n.total, changed: 0, alreadyInState: n.alreadyInState, failed: 0, skipped: 0, notAccessible: n.notAccessible, cancelled: 0 }, items: [] }, () =>
    ctx.out.line(`Nothing to change: ${plural(n.alreadyInState, 'customer')} already on ${targetWords(plan.target)}${n.notAccessible ? `, ${n.notAccessible} not accessible` : ''}.`),
  );
}

export const apply: Action<[string[], ApplyOptions]> = async (ctx, ids, options) => {
  const named = namedTargets(ids, options);
  parseConcurrency(options.concurrency);
  parseMax(options.max);
  parseReturnByOption(options.returnBy, named.target);
  const identity = await ctx.onlineIdentity('staging apply');
  const fresh = await makePlan(ctx, identity, await withTags(ctx, identity, named, options.tag));
  refuseUnreadableNamedTargets(fresh);
  await confirmAndRun(ctx, identity, fresh, options);
};

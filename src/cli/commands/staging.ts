/* staging plan | apply: BulkStagingService does the work (fresh read, journal, bounded
 * concurrency, verify); this module turns flags into a PlanRequest, shows the plan, applies
 * the confirmation rule shared with the desktop app, and drives the run. */
import { AppError } from '../../shared/errors';
import { requiresTypedCount, typedCountMatches } from '../../shared/bulk/confirm-rule';
import { breadcrumbText, dedupeIds, driftSize } from '../../shared/bulk/plan-logic';
import { describeRouting } from '../../shared/bulk/counts';
import { formatDateTime, plural } from '../../shared/format';
import { MAX_CONCURRENCY, MIN_CONCURRENCY, type BulkPlan, type PlanRequest, type TargetState } from '../../shared/bulk/types';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { readIdFile } from '../id-file';
import { pathText, table } from '../output';
import { progressView } from '../progress';
import { canPrompt, confirmTypedCount, confirmYesNo } from '../prompts';
import { driveRun } from '../run-display';
import type { CliIdentity } from '../services';
import { onInterrupt } from '../signals';
import { tagIdsFor } from '../tag-names';
import type { Action } from './action';
import { isProductionServer } from '../../shared/server-environment';

interface TargetOptions {
  to: TargetState;
  subtree: string[];
  tag: string[];
  fromFile?: string;
  column?: string;
}

interface PlanOptions extends TargetOptions {
  save?: boolean;
}

interface ApplyOptions extends TargetOptions {
  concurrency?: string;
  yes?: boolean;
  showAll?: boolean;
}

/** Rows of the plan shown before the question unless --show-all: the summary stays on screen. */
const ROWS_BEFORE_ASKING = 20;

/** The targets named on the command line and in --from-file (tags are resolved once signed in). */
function namedTargets(ids: string[], options: TargetOptions): PlanRequest {
  if (options.column !== undefined && options.fromFile === undefined) throw new CliError('--column goes with --from-file FILE.', EXIT.usage);
  const fromFile = options.fromFile === undefined ? [] : readIdFile(options.fromFile, options.column);
  const request: PlanRequest = { target: options.to, customerIds: dedupeIds([...ids, ...fromFile]), subtreeRootIds: dedupeIds(options.subtree) };
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
  const item = (i: BulkPlan['toChange'][number]) => ({ id: i.customerId, name: i.name, path: breadcrumbText(i.breadcrumb), now: describeRouting(i.isStaging) });
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
  return `Plan: ${n.toChange} to change to ${plan.target}, ${n.alreadyInState} already on ${plan.target}, ${n.notAccessible} not accessible${unreadable} (${plural(n.total, 'customer')}${tags}${cache}).`;
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
          { header: 'NOW', value: (i) => describeRouting(i.isStaging) },
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

/** Asks (unless --yes), starts the run of `plan` and drives it to the end. */
export async function confirmAndRun(ctx: CliContext, identity: CliIdentity, plan: BulkPlan, options: { yes?: boolean; showAll?: boolean; concurrency?: number }): Promise<void> {
  const count = plan.counts.toChange;
  await confirmChange(ctx, {
    yes: options.yes,
    count,
    production: isProductionServer(identity.profile),
    what: `switch ${plural(count, 'customer')} to ${plan.target}`,
    show: () => printPlan(ctx, plan, { toStderr: true, ...(options.showAll ? {} : { limit: ROWS_BEFORE_ASKING }) }),
  });
  const handle = await ctx.services.bulk(identity).start(plan, options.concurrency === undefined ? {} : { concurrency: options.concurrency });
  const drift = handle.driftSincePlan;
  if (drift && driftSize(drift) > 0) {
    ctx.out.warn(
      `since the plan was made, ${plural(drift.stateChanged.length, 'customer')} changed routing, ${drift.becameInaccessible.length} became not accessible and ${drift.becameAccessible.length} accessible; the run acts on what the server shows now.`,
    );
  }
  ctx.out.note(`Run ${handle.runId} started: ${plural(count, 'customer')} to change (journal: evo-console runs show ${handle.runId.slice(0, 8)}). Ctrl-C cancels cleanly.`);
  await driveRun(ctx, handle, 'applying');
}

/** `apply` with nothing to change: no run is created. */
export function printNothingToChange(ctx: CliContext, plan: BulkPlan): void {
  const n = plan.counts;
  ctx.out.result({ runId: null, target: plan.target, counts: { planned: n.total, changed: 0, alreadyInState: n.alreadyInState, failed: 0, skipped: 0, notAccessible: n.notAccessible, cancelled: 0 }, items: [] }, () =>
    ctx.out.line(`Nothing to change: ${plural(n.alreadyInState, 'customer')} already on ${plan.target}${n.notAccessible ? `, ${n.notAccessible} not accessible` : ''}.`),
  );
}

export const apply: Action<[string[], ApplyOptions]> = async (ctx, ids, options) => {
  const named = namedTargets(ids, options);
  const concurrency = parseConcurrency(options.concurrency);
  const identity = await ctx.onlineIdentity('staging apply');
  const fresh = await makePlan(ctx, identity, await withTags(ctx, identity, named, options.tag));
  refuseUnreadableNamedTargets(fresh);
  if (fresh.counts.toChange === 0) {
    printNothingToChange(ctx, fresh);
    return;
  }
  await confirmAndRun(ctx, identity, fresh, { ...(options.yes ? { yes: true } : {}), ...(options.showAll ? { showAll: true } : {}), ...(concurrency === undefined ? {} : { concurrency }) });
};

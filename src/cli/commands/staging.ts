/* staging plan | apply: BulkStagingService does the work (fresh read, journal, bounded
 * concurrency, verify); this module turns flags into a PlanRequest, shows the plan, applies
 * the confirmation rule shared with the desktop app, and drives the run. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { AppError } from '../../shared/errors';
import { requiresTypedCount, typedCountMatches } from '../../shared/bulk/confirm-rule';
import { breadcrumbText, dedupeIds } from '../../shared/bulk/plan-logic';
import { describeRouting } from '../../shared/bulk/counts';
import { MAX_CONCURRENCY, MIN_CONCURRENCY, type BulkPlan, type PlanRequest, type TargetState } from '../../shared/bulk/types';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { formatTime, table } from '../output';
import { progressView } from '../progress';
import { canPrompt, confirmTypedCount, confirmYesNo } from '../prompts';
import { driveRun } from '../run-display';
import type { CliIdentity } from '../services';
import { onInterrupt } from '../signals';
import type { Action, Bind } from './action';
import { isProductionServer } from '../../shared/server-environment';

interface TargetOptions {
  to: TargetState;
  subtree: string[];
  tag: string[];
}

interface ApplyOptions extends TargetOptions {
  concurrency?: string;
  yes?: boolean;
}

function planRequest(ids: string[], options: TargetOptions): PlanRequest {
  const request: PlanRequest = { target: options.to, customerIds: dedupeIds(ids), subtreeRootIds: dedupeIds(options.subtree) };
  if (options.tag.length > 0) request.tagIds = dedupeIds(options.tag);
  if (request.customerIds?.length === 0 && request.subtreeRootIds?.length === 0) {
    throw new CliError('Name the customers: one or more IDs and/or --subtree ID.', EXIT.usage);
  }
  return request;
}

/** Makes the plan (server, or the cache with --offline), with progress and Ctrl-C = stop. */
async function makePlan(ctx: CliContext, identity: CliIdentity, request: PlanRequest): Promise<BulkPlan> {
  const bulk = ctx.services.bulk(identity);
  if (identity.offline) return bulk.planFromCache(request);
  const view = progressView(ctx.out, 'reading');
  const abort = new AbortController();
  const off = onInterrupt(() => abort.abort());
  try {
    return await bulk.plan(request, { signal: abort.signal, onProgress: (p) => view.update(p.customersFound, null, `customers (${p.phase})`) });
  } finally {
    view.stop();
    off();
  }
}

/** A customer named on the command line (id or subtree root) that cannot be read stops everything: nothing is sent or journalled. */
function refuseUnreadableNamedTargets(plan: BulkPlan): void {
  const named = new Set([...(plan.request.customerIds ?? []), ...(plan.request.subtreeRootIds ?? [])]);
  const problem = plan.notAccessible.find((i) => named.has(i.customerId));
  if (!problem) return;
  const { kind, message } = problem.reason;
  const more = plan.notAccessible.filter((i) => named.has(i.customerId)).length - 1;
  const also = more > 0 ? ` (${more} more named customer${more === 1 ? ' is' : 's are'} not accessible either)` : '';
  // The service's message already names the customer and what to do.
  throw new AppError({ kind, customerId: problem.customerId, message: `${message.replace(/\.\s*$/, '')}${also}. Nothing was changed.` });
}

function planDocument(plan: BulkPlan) {
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
  };
}

function printPlan(ctx: CliContext, plan: BulkPlan, toStderr = false): void {
  const c = toStderr ? ctx.out.ec : ctx.out.c;
  const write = (text: string) => (toStderr ? ctx.out.stderr.write(`${text}\n`) : ctx.out.line(text));
  const n = plan.counts;
  write(
    `Plan: ${c.bold(String(n.toChange))} to change to ${c.bold(plan.target)}, ${n.alreadyInState} already ${plan.target}, ${n.notAccessible} not accessible` +
      `${n.excludedByTags ? `, ${n.excludedByTags} left out by tags` : ''} (${n.total} customers${plan.source === 'cache' ? `, from the offline cache as of ${formatTime(plan.snapshotAt)}` : ''}).`,
  );
  if (plan.toChange.length > 0) {
    write('');
    write(
      table(
        plan.toChange,
        [
          { header: 'ID', value: (i) => i.customerId },
          { header: 'NAME', value: (i) => i.name },
          { header: 'NOW', value: (i) => describeRouting(i.isStaging) },
          { header: 'PATH', value: (i) => breadcrumbText(i.breadcrumb) },
        ],
        c,
      ),
    );
  }
  if (plan.notAccessible.length > 0) {
    write('');
    write('Not accessible (left alone):');
    write(table(plan.notAccessible, [{ header: 'ID', value: (i) => i.customerId }, { header: 'REASON', value: (i) => i.reason.message }], c));
  }
}

export const plan: Action<[string[], TargetOptions]> = async (ctx, ids, options) => {
  const request = planRequest(ids, options);
  const identity = await ctx.identity();
  const result = await makePlan(ctx, identity, request);
  refuseUnreadableNamedTargets(result);
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

export const apply: Action<[string[], ApplyOptions]> = async (ctx, ids, options) => {
  const request = planRequest(ids, options);
  const concurrency = parseConcurrency(options.concurrency);
  const identity = await ctx.onlineIdentity('staging apply');
  const fresh = await makePlan(ctx, identity, request);
  refuseUnreadableNamedTargets(fresh);
  const count = fresh.counts.toChange;
  if (count === 0) {
    ctx.out.result({ runId: null, target: fresh.target, counts: { planned: fresh.counts.total, changed: 0, alreadyInState: fresh.counts.alreadyInState, failed: 0, skipped: 0, notAccessible: fresh.counts.notAccessible, cancelled: 0 }, items: [] }, () =>
      ctx.out.line(`Nothing to change: ${fresh.counts.alreadyInState} customer(s) already on ${fresh.target}.`),
    );
    return;
  }
  await confirmChange(ctx, {
    yes: options.yes,
    count,
    production: isProductionServer(identity.profile),
    what: `switch ${count} customer${count === 1 ? '' : 's'} to ${fresh.target}`,
    show: () => printPlan(ctx, fresh, true),
  });
  const handle = await ctx.services.bulk(identity).start(fresh, concurrency === undefined ? {} : { concurrency });
  ctx.out.note(`Run ${handle.runId} started (${count} to change, journal: evo-console runs show ${handle.runId}). Ctrl-C cancels cleanly.`);
  await driveRun(ctx, handle, 'applying');
};

const collect = (value: string, previous: string[]) => [...previous, value];

function targetOptions(command: Command): Command {
  return command
    .argument('[ids...]', 'customer ids to include one by one')
    .addOption(new Option('--to <state>', 'target routing').choices(['staging', 'production']).makeOptionMandatory())
    .option('--subtree <id>', 'this customer and all its descendants (repeatable)', collect, [])
    .option('--tag <id>', 'keep only customers carrying this tag (repeatable: all of them)', collect, []);
}

export function registerStagingCommands(program: Command, bind: Bind): void {
  const staging = program.command('staging').description('bulk staging: switch customers between production and staging routing');
  targetOptions(staging.command('plan').description('show what apply would change (counts and the customers that would change); changes nothing'))
    .addHelpText('after', '\nExamples:\n  evo-console staging plan --to staging --subtree CUST_ID\n  evo-console staging plan --to production ID1 ID2 --tag TAG_ID --json')
    .action(bind(plan));
  targetOptions(staging.command('apply').description('apply the change: fresh plan, confirmation, journalled run with progress; Ctrl-C cancels cleanly'))
    .option('--concurrency <n>', `requests at once (${MIN_CONCURRENCY}-${MAX_CONCURRENCY}, default 6)`)
    .option('--yes', 'do not ask (required without a terminal); the plan is still read fresh')
    .addHelpText(
      'after',
      '\nWithout --yes on a terminal the plan is shown and you confirm: y/N, or type the number of customers\nwhen more than 25 change or the server is production. Without --yes and without a terminal: refused (exit 9).\nExample:\n  evo-console staging apply --to staging --subtree CUST_ID --yes --json > run.json',
    )
    .action(bind(apply));
}

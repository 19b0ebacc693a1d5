/* plans ls | show | apply | rm: the plans kept in the journal (`staging plan --save`, the
 * desktop app's saved plans, and every plan that was applied; the newest 50 and all of the last
 * week). Listing and deleting read only the journal's index. Applying a saved plan: one older
 * than 24 hours is refused (make a fresh one); otherwise every customer is read again first,
 * and what changed since is shown with the plan as it is now, to confirm that instead. */
import { planIsStale } from '../../shared/bulk/plan-logic';
import { routingOfTarget, targetWords } from '../../shared/routing-words';
import { PLAN_MAX_AGE_MS, type BulkPlan, type PlanRequest, type PlanSummary } from '../../shared/bulk/types';
import { formatDateTime, plural } from '../../shared/format';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { resolveIdPrefix } from '../id-prefix';
import { shellWord, terminalSafe } from '../terminal-text';
import type { Action } from './action';
import { confirmAndRun, parseConcurrency, parseMax, parseReturnByOption, planDocument, printPlan, type ApplyPlanOptions } from './staging';

const PLANS = { what: 'plan', listCommand: 'evo-console plans ls' };

/** A saved plan as listed (the journal's index), named by its id or a unique prefix. */
async function requirePlanSummary(ctx: CliContext, text: string): Promise<PlanSummary> {
  const plans = (await ctx.services.journal()).listPlans();
  const id = resolveIdPrefix(text, plans.map((p) => p.id), PLANS);
  return plans.find((p) => p.id === id) as PlanSummary;
}

async function requirePlan(ctx: CliContext, text: string): Promise<BulkPlan> {
  const summary = await requirePlanSummary(ctx, text);
  const plan = (await ctx.services.journal()).getPlan(summary.id);
  if (!plan) throw new CliError(`No plan ${text} in the journal. List them with: evo-console plans ls`, EXIT.notFound);
  return plan;
}

/** The staging apply command that plans the same customers again. */
function freshPlanCommand(request: PlanRequest): string {
  const args = ['evo-console staging apply', `--to ${routingOfTarget(request.target)}`, ...(request.subtreeRootIds ?? []).map((id) => `--subtree ${shellWord(terminalSafe(id))}`), ...(request.tagIds ?? []).map((id) => `--tag ${shellWord(terminalSafe(id))}`)];
  const ids = request.customerIds ?? [];
  return [...args, ...(ids.length > 20 ? ['--from-file IDS.txt'] : ids.map((id) => shellWord(terminalSafe(id))))].join(' ');
}

export const ls: Action<[]> = async (ctx) => {
  const plans = (await ctx.services.journal()).listPlans();
  ctx.out.result({ plans }, () =>
    ctx.out.listing(
      plans,
      [
        { header: 'PLAN', value: (p) => p.id.slice(0, 8) },
        { header: 'CREATED', value: (p) => formatDateTime(p.createdAt) },
        { header: 'TARGET', value: (p) => routingOfTarget(p.target) },
        { header: 'TO CHANGE', value: (p) => String(p.counts.toChange), right: true },
        { header: 'ALREADY', value: (p) => String(p.counts.alreadyInState), right: true },
        { header: 'NOT ACCESSIBLE', value: (p) => String(p.counts.notAccessible), right: true },
        { header: 'SOURCE', value: (p) => (p.source === 'cache' ? `offline copy of ${formatDateTime(p.snapshotAt)}` : 'server') },
        { header: 'ACCOUNT', value: (p) => p.identity.accountName ?? p.identity.accountId ?? '' },
      ],
      'No saved plans. Save one with: evo-console staging plan … --save',
    ),
  );
};

export const show: Action<[string]> = async (ctx, text) => {
  const plan = await requirePlan(ctx, text);
  ctx.out.result(planDocument(plan), () => {
    const who = plan.identity;
    ctx.out.line(`Plan ${plan.id}, made ${formatDateTime(plan.createdAt)} by ${terminalSafe(`${who.userEmail ?? '?'} on ${who.serverUrl ?? '?'}, account ${who.accountName ?? who.accountId ?? '?'}`)}`);
    printPlan(ctx, plan);
  });
};

export const apply: Action<[string, ApplyPlanOptions]> = async (ctx, text, options) => {
  parseConcurrency(options.concurrency);
  parseMax(options.max);
  const plan = await requirePlan(ctx, text);
  parseReturnByOption(options.returnBy, plan.target); // before anything is read
  if (planIsStale(plan, Date.now())) {
    throw new CliError(
      `Plan ${plan.id.slice(0, 8)} was made ${formatDateTime(plan.createdAt)}, more than ${PLAN_MAX_AGE_MS / 3_600_000} hours ago; a plan that old is not applied. Plan the same customers afresh: ${freshPlanCommand(plan.request)}`,
      EXIT.confirmation,
      { planId: plan.id },
    );
  }
  const identity = await ctx.onlineIdentity('plans apply');
  // With --yes the saved plan is what was confirmed; on a terminal the person sees what changed since, first.
  const changed = options.yes ? null : await ctx.services.bulk(identity).changesSince(plan);
  await confirmAndRun(ctx, identity, changed?.fresh ?? plan, options, changed?.drift ?? null);
};

export const rm: Action<[string]> = async (ctx, text) => {
  const plan = await requirePlanSummary(ctx, text);
  (await ctx.services.journal()).deletePlan(plan.id);
  ctx.out.result({ deleted: plan.id }, () => ctx.out.line(`Deleted plan ${plan.id} (${plural(plan.counts.toChange, 'customer')} to change to ${targetWords(plan.target)}).`));
};

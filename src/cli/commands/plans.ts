/* plans ls | show | apply | rm: the plans kept in the journal (`staging plan --save`, the
 * desktop app's saved plans, and every plan that was applied). Applying a saved plan reads
 * every customer again first and reports what changed since the plan was made. */
import type { BulkPlan } from '../../shared/bulk/types';
import { formatDateTime, plural } from '../../shared/format';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { resolveIdPrefix } from '../id-prefix';
import { terminalSafe } from '../terminal-text';
import type { Action } from './action';
import { confirmAndRun, parseConcurrency, planDocument, printNothingToChange, printPlan } from './staging';

const PLANS = { what: 'plan', listCommand: 'evo-console plans ls' };

async function requirePlan(ctx: CliContext, text: string): Promise<BulkPlan> {
  const bulk = await ctx.services.journal();
  const id = resolveIdPrefix(text, bulk.listPlans().map((p) => p.id), PLANS);
  const plan = bulk.getPlan(id);
  if (!plan) throw new CliError(`No plan ${text} in the journal. List them with: evo-console plans ls`, EXIT.notFound);
  return plan;
}

export const ls: Action<[]> = async (ctx) => {
  const plans = (await ctx.services.journal()).listPlans();
  ctx.out.result({ plans }, () =>
    ctx.out.listing(
      plans,
      [
        { header: 'PLAN', value: (p) => p.id.slice(0, 8) },
        { header: 'CREATED', value: (p) => formatDateTime(p.createdAt) },
        { header: 'TARGET', value: (p) => p.target },
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

export const apply: Action<[string, { yes?: boolean; concurrency?: string; showAll?: boolean }]> = async (ctx, text, options) => {
  const concurrency = parseConcurrency(options.concurrency);
  const plan = await requirePlan(ctx, text);
  const identity = await ctx.onlineIdentity('plans apply');
  if (plan.counts.toChange === 0) {
    printNothingToChange(ctx, plan);
    return;
  }
  await confirmAndRun(ctx, identity, plan, { ...(options.yes ? { yes: true } : {}), ...(options.showAll ? { showAll: true } : {}), ...(concurrency === undefined ? {} : { concurrency }) });
};

export const rm: Action<[string]> = async (ctx, text) => {
  const plan = await requirePlan(ctx, text);
  (await ctx.services.journal()).deletePlan(plan.id);
  ctx.out.result({ deleted: plan.id }, () => ctx.out.line(`Deleted plan ${plan.id} (${plural(plan.counts.toChange, 'customer')} to change to ${plan.target}).`));
};

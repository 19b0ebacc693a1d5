/* What the confirm dialog states about a plan (subject, size, count, target, server, account): the same for
 * the bulk tab and the one-customer flow. */
import { describeSubject, subjectOfPlan } from '../../../shared/bulk/subject';
import type { BulkPlan } from '../../../shared/bulk/types';
import { isProductionServer } from '../../../shared/server-environment';
import type { ServerProfile } from '../../../shared/session';
import type { ConfirmDialogProps } from './ConfirmDialog';

export function confirmFacts(plan: BulkPlan, profile: ServerProfile | null | undefined): Pick<ConfirmDialogProps, 'changeCount' | 'subject' | 'planCounts' | 'target' | 'serverLabel' | 'serverIsProduction' | 'accountName'> {
  return {
    changeCount: plan.counts.toChange,
    subject: describeSubject(subjectOfPlan(plan)),
    planCounts: plan.counts,
    target: plan.target,
    serverLabel: profile?.label ?? plan.identity.serverUrl ?? 'the server',
    serverIsProduction: isProductionServer(profile),
    accountName: plan.identity.accountName,
  };
}

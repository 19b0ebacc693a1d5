/* The audit row shape shared by the CSV export, the JSON export and any UI table. Pure. */
import { breadcrumbText } from './plan-logic';
import { routingAsTarget } from './counts';
import type { RunDetail } from './types';

export const AUDIT_COLUMNS = [
  'runId',
  'runKind',
  'parentRunId',
  'runStatus',
  'userEmail',
  'serverUrl',
  'accountId',
  'accountName',
  'runStartedAt',
  'runEndedAt',
  'runDurationMs',
  'target',
  'customerId',
  'customerName',
  'breadcrumb',
  'before',
  'after',
  'outcome',
  'attempts',
  'errorKind',
  'errorMessage',
  'note',
  'updatedAt',
] as const;

export type AuditRow = Record<(typeof AUDIT_COLUMNS)[number], string | number>;

export function auditRows(run: RunDetail): AuditRow[] {
  return run.items.map((item) => ({
    runId: run.id,
    runKind: run.kind,
    parentRunId: run.parentRunId ?? '',
    runStatus: run.status,
    userEmail: run.identity.userEmail ?? '',
    serverUrl: run.identity.serverUrl ?? '',
    accountId: run.identity.accountId ?? '',
    accountName: run.identity.accountName ?? '',
    runStartedAt: run.startedAt ?? '',
    runEndedAt: run.endedAt ?? '',
    runDurationMs: run.durationMs ?? '',
    target: routingAsTarget(item.targetIsStaging),
    customerId: item.customerId,
    customerName: item.name,
    breadcrumb: breadcrumbText(item.breadcrumb),
    before: routingAsTarget(item.before),
    after: routingAsTarget(item.after),
    outcome: item.outcome,
    attempts: item.attempts,
    errorKind: item.error?.kind ?? '',
    errorMessage: item.error?.message ?? '',
    note: item.note ?? '',
    updatedAt: item.updatedAt,
  }));
}

/** The JSON export: the run header (who, where, when, targets, counts) plus its items. */
export function auditDocument(run: RunDetail): { format: 'evo-console.bulk-run'; version: 1; run: RunDetail } {
  return { format: 'evo-console.bulk-run', version: 1, run };
}

/**
 * Server URLs can carry credentials (`https://user:pass@host`) or tokens in the query;
 * the audit keeps only scheme, host and path.
 */
export function redactUrl(url: string | null): string | null {
  if (url === null) return null;
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/]*@)?([^/?#]*)([^?#]*)/i.exec(url);
  return match ? `${match[1]}${match[2]}${match[3]}` : url;
}

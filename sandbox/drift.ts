/* --drift: the sandbox plays a NEWER Evo Voice deployment than the API page describes (REFERENCE §1.3b:
 * "an API that evolves may add enum members and properties at any time"). This module holds what that
 * newer server knows: the enum members it added, what they mean to it, and the members it adds to its
 * answers. The records it serves are built in ./seed/drift.ts. Everything is fixed or seeded, so the
 * same seed gives the same bytes. */
import type { FaultSettings } from './types';

/** Enum members the newer server added, and the one permission it grants. */
export const NEWER_SERVER = {
  tagColor: 'Pink',
  /** A SimpleSchedulingRuleTypes member: matches the days of the account's holiday calendar (empty here, so never). */
  ruleType: 'HolidayCalendar',
  /** A SchedulingRuleFrequency member: every three months (Monthly × 3). */
  frequency: 'Quarterly',
  permission: 'ViewBilling',
  /** The state the --drift TestSchedule customer is in on the server (no CustomerInfo member carries it). */
  customerState: 'Emergency',
} as const;

/** Members the newer server adds to its answers (besides the per-record ones of ./seed/drift.ts). */
export const NEWER_MEMBERS = {
  userInfo: { timeZoneId: 'America/New_York', mfaEnabled: false },
  authenticateResponse: { mfaRequired: false, sessionExpiresInSeconds: 28_800 },
  listResponse: { meta: { apiVersion: '2026.1' } },
  account: { dataRegion: 'us1' },
  systemSettings: { callRecordingConsentRequired: true },
} as const;

/** The page size the newer server caps lists at without saying so (on top of any faults given at start). */
export const DRIFT_FAULTS: Partial<FaultSettings> = { maxCountPerPage: 50, countPerPageOverMax: 'cap' };

/** The answer with the newer server's members when --drift is on; unchanged otherwise. */
export function withNewerMembers<T extends object>(drift: boolean, kind: keyof typeof NEWER_MEMBERS, answer: T): T {
  return drift ? { ...answer, ...NEWER_MEMBERS[kind] } : answer;
}

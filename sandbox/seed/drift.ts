/* The records --drift adds on top of the normal seed (what the newer server knows is in ../drift.ts):
 *   A (manager's account): one subtree of exactly 300 customers (root included) whose every customer
 *      carries members the API page does not list (on CustomerInfo, its BillingSettings and IntegrationData),
 *      and inside it one customer each with: the Pink tag, a rule of an unknown simpleRuleType, a rule of an
 *      unknown frequency, .NET numbers for dayOfWeek, a ~700-level `data`, and a customer state that makes
 *      TestSchedule disagree with a local evaluation. Its rules carry an unknown member too.
 *   A: two more roots outside the subtree (Pink tag; numeric dayOfWeek), and one customer in account B
 *      (unknown rule type): odd records elsewhere.
 *   One more subtree customer carries a tag that is not an object (a bare name): the one list item in
 *      --drift that no reader can make sense of, so a console must set it aside, say so and go on.
 *   A's tag catalogue gains the Pink tag and a second new tag, each with a member Tag does not have.
 * Its own rng stream: the normal seed's records are the same with or without --drift. */
import type { SandboxBehaviour } from '../behaviour';
import { NEWER_MEMBERS, NEWER_SERVER } from '../drift';
import type { DriftFixtures } from '../types';
import type { BillingSettings, DayOfWeek, RuleFrequency, Schedule, ScheduleDay, SchedulingRule, SimpleRuleType, Struct, Tag, TagColor, Value } from '../wire';
import { newSchedule, newSchedulingRule, newValue } from '../wire';
import type { SeedAccount } from './accounts';
import type { ScheduleTemplates, SeedNode } from './customers';
import { CustomerFactory, grow } from './customers';
import type { NamePools } from './pools';
import type { Rng } from './random';
import { hexId, intBetween, isoBetween, mulberry32, pick, pickSome } from './random';
import { SEED_SCHEDULES } from './schedules';
import { billingItem, billingSettings, presets } from './settings';

export const DRIFT_SUBTREE_SIZE = 300;
export const DEEP_DATA_DEPTH = 700;
/** What the malformed tag is: a tag's name where a Tag object belongs. */
const MALFORMED_TAG = 'Imported 2019';

export interface DriftInput {
  seed: number;
  accounts: SeedAccount[];
  pools: NamePools;
  templates: ScheduleTemplates;
  behaviour: SandboxBehaviour;
  /** Ids the normal seed took. */
  usedIds: Set<string>;
}

export interface DriftSeed {
  nodes: SeedNode[];
  fixtures: DriftFixtures;
  customerStates: Map<string, string>;
}

/** A value the newer server sends that the API page's type does not allow (an enum member added later). */
const newerMember = <T>(value: string | number): T => value as unknown as T;

export function addDrift(input: DriftInput): DriftSeed {
  const rng = mulberry32((input.seed ^ 0x5eedd71f) >>> 0);
  const [accA, accB] = input.accounts as [SeedAccount, SeedAccount];
  const pinkTag = { id: hexId(rng), name: 'Partner', color: newerMember<TagColor>(NEWER_SERVER.tagColor), description: 'Reseller partner programme' };
  const legacyTag = { id: hexId(rng), name: 'Legacy platform', color: 'Gold' as const, description: 'Still on the 2019 call flows' };
  extendAccounts(input.accounts, accA, [pinkTag, legacyTag]);

  const factory = new CustomerFactory(rng, input.pools, withNewRuleMember(input.templates), input.behaviour, input.usedIds);
  const root = factory.make(accA, null, { name: 'Drift Reseller Networks' });
  const subtree: SeedNode[] = [root];
  grow(rng, factory, accA, [root], DRIFT_SUBTREE_SIZE - 1, false, subtree);
  const billing = presets(rng, 6, newerBillingSettings);
  for (const node of subtree) addNewerCustomerMembers(rng, node, billing);

  const [pink, unknownRule, unknownFrequency, numericDays, deep, disagrees, legacy] = pickSome(rng, subtree.slice(1), 7);
  const c = (node: SeedNode | undefined) => (node as SeedNode).customer;
  c(pink).tags = [...c(pink).tags, pinkTag];
  c(legacy).tags = [...c(legacy).tags, legacyTag];
  c(unknownRule).schedule = unknownRuleTypeSchedule();
  c(unknownFrequency).schedule = unknownFrequencySchedule();
  c(numericDays).schedule = numericDayOfWeekSchedule();
  c(deep).data = { ...c(deep).data, history: deepValue(DEEP_DATA_DEPTH) };
  c(disagrees).schedule = customerStateSchedule();

  const elsewherePink = factory.make(accA, null, { tags: [pinkTag] });
  const elsewhereDays = factory.make(accA, null, { schedule: numericDayOfWeekSchedule() });
  const elsewhereRule = factory.make(accB, null, { schedule: unknownRuleTypeSchedule() });
  const elsewhere = [elsewherePink, elsewhereDays, elsewhereRule];
  for (const node of elsewhere) addNewerCustomerMembers(rng, node, billing);
  // Drawn last, so every record and fixture above is the same as before it was added.
  const picked = new Set([pink, unknownRule, unknownFrequency, numericDays, deep, disagrees, legacy]);
  const malformed = pick(rng, subtree.slice(1).filter((node) => !picked.has(node)));
  c(malformed).tags = [...c(malformed).tags, newerMember<Tag>(MALFORMED_TAG)];

  return {
    nodes: [...subtree, ...elsewhere],
    customerStates: new Map([[c(disagrees).id, NEWER_SERVER.customerState]]),
    fixtures: {
      subtreeRootId: root.customer.id,
      subtreeSize: subtree.length,
      unknownCustomerMembers: ['region', 'phoneNumberCount'],
      pinkTagCustomerId: c(pink).id,
      pinkTagId: pinkTag.id,
      unknownTagColor: NEWER_SERVER.tagColor,
      unknownRuleCustomerId: c(unknownRule).id,
      unknownRuleType: NEWER_SERVER.ruleType,
      unknownFrequencyCustomerId: c(unknownFrequency).id,
      unknownFrequency: NEWER_SERVER.frequency,
      numericDayOfWeekCustomerId: c(numericDays).id,
      deepDataCustomerId: c(deep).id,
      deepDataDepth: DEEP_DATA_DEPTH,
      testScheduleDisagreesCustomerId: c(disagrees).id,
      serverCustomerState: NEWER_SERVER.customerState,
      unknownPermission: NEWER_SERVER.permission,
      maxCountPerPage: 50,
      malformedTagCustomerId: c(malformed).id,
      malformedTag: MALFORMED_TAG,
      elsewhereIds: elsewhere.map((n) => n.customer.id),
    },
  };
}

/** Newer members on the accounts and the manager's settings; two new tags in its catalogue. */
function extendAccounts(accounts: SeedAccount[], manager: SeedAccount, newTags: Tag[]): void {
  for (const account of accounts) {
    account.info = { ...account.info, ...NEWER_MEMBERS.account };
    account.settings = { ...account.settings, ...NEWER_MEMBERS.systemSettings };
  }
  manager.settings = { ...manager.settings, tags: [...(manager.settings.tags ?? []), ...newTags] };
}

/** Every rule of the drift subtree's schedules carries a member SchedulingRule does not have. */
function withNewRuleMember(templates: ScheduleTemplates): ScheduleTemplates {
  const extend = (s: Schedule): Schedule => ({ ...s, rules: s.rules.map((r) => ({ ...r, isEnabled: true })) });
  return { own: templates.own.map(extend), inherit: templates.inherit, forceClosed: templates.forceClosed.map(extend) };
}

/** BillingSettings with the AI members newer deployments list (REFERENCE §3.13). */
function newerBillingSettings(rng: Rng): BillingSettings {
  return { ...billingSettings(rng), aiInsights: billingItem(rng, 0.02), aiLiveMinutes: billingItem(rng, 0.06), aiMessages: billingItem(rng, 0.004) } as BillingSettings;
}

/** Members the API page's CustomerInfo and IntegrationData do not have. */
function addNewerCustomerMembers(rng: Rng, node: SeedNode, billing: BillingSettings[]): void {
  const customer = node.customer;
  const integrations = Object.fromEntries(Object.entries(customer.integrationData ?? {}).map(([key, data]) => [key, { ...data, lastSyncDate: isoBetween(rng) }]));
  Object.assign(customer, {
    integrationData: integrations,
    billingSettings: pick(rng, billing),
    region: pick(rng, ['us1', 'us2', 'ie1', 'au1']),
    phoneNumberCount: intBetween(rng, 0, 40),
  });
}

const WEEKDAYS: DayOfWeek[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function officeHours(id: string, byDay: ScheduleDay[]): SchedulingRule {
  return newSchedulingRule({ id, name: 'Office hours', priority: 10, state: 'Open', simpleRuleType: 'Time', frequency: 'Weekly', interval: 1, byDay, startTime: '09:00', endTime: '17:00' });
}

const weekdays = (): ScheduleDay[] => WEEKDAYS.map((dayOfWeek) => ({ dayOfWeek, offset: 0 }));

function unknownRuleTypeSchedule(): Schedule {
  const holidays = { ...newSchedulingRule({ id: 'drift-holiday-calendar', name: 'Public holidays', priority: 1, state: 'Holiday', simpleRuleType: newerMember<SimpleRuleType>(NEWER_SERVER.ruleType), isAllDay: true }), holidayCalendarId: 'us-federal' };
  return newSchedule({ timeZoneId: 'America/New_York', defaultState: 'Closed', rules: [holidays, officeHours('drift-calendar-open', weekdays())] });
}

function unknownFrequencySchedule(): Schedule {
  const review = newSchedulingRule({
    id: 'drift-quarterly-review', name: 'Quarterly review day', priority: 1, state: 'Closed for review', simpleRuleType: 'Time',
    frequency: newerMember<RuleFrequency>(NEWER_SERVER.frequency), interval: 1, startDate: '2026-01-05', byMonthDay: [5], isAllDay: true,
  });
  return newSchedule({ timeZoneId: 'Europe/London', defaultState: 'Closed', rules: [review, officeHours('drift-quarterly-open', weekdays())] });
}

/** Monday..Friday as .NET ordinals (what a serializer with enums-as-integers writes). */
function numericDayOfWeekSchedule(): Schedule {
  const byDay = [1, 2, 3, 4, 5].map((n) => ({ dayOfWeek: newerMember<DayOfWeek>(n), offset: 0 }));
  return newSchedule({ timeZoneId: 'America/Chicago', defaultState: 'Closed', rules: [officeHours('drift-numeric-days', byDay)] });
}

/** The stock customer-state schedule: its CustomerState rule (priority 1) matches on the server only. */
function customerStateSchedule(): Schedule {
  const found = SEED_SCHEDULES.find((s) => s.key === 'customer-state-override');
  if (!found) throw new Error('seed schedule customer-state-override is missing');
  return found.schedule;
}

/** Values nested `depth` deep, mostly through listValue, every tenth level through structValue (≈16 KB). */
export function deepValue(depth: number): Value {
  let value = newValue({ stringValue: 'oldest entry' });
  for (let level = 1; level < depth; level++) {
    const inner: Struct = { entry: value };
    value = level % 10 === 0 ? newValue({ structValue: inner }) : newValue({ listValue: [inner] });
  }
  return value;
}

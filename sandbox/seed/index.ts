/* Deterministic seed: same (seed, size) ⇒ byte-identical accounts, tags and customers.
 *
 * Layout (account A = "Northwind Telecom", the manager's account; B and C are admin-only):
 *   A: bigParent (root) with exactly 300 (small) / 10,000 (large) direct children; the first
 *      10 / 100 of those children have 2 / 3 children each (so deep ≠ shallow).
 *   A: a five-level chain root → leaf; chain[1] and chain[2] inherit their schedule, so
 *      inheritCustomerId = chain[2] inherits from chain[0] (nearest non-inherit ancestor).
 *      Every chain member carries both tagFilter tags; bigParent's first three children
 *      carry only the first one.
 *   A: subtree200 root whose subtree is exactly 200 customers (depth ≤ 5).
 *   A: a force-closed root; hostile names (<img onerror>, <script>, Arabic, Hebrew, emoji,
 *      200 characters) as roots; a parent with two children named exactly alike.
 *   A, B, C: random filler trees (depth ≤ 5) up to ~600 / 350 / 250 customers (small) or
 *      20,000 / 15,000 / rest of 50,000 (large).
 */
import type { Schedule, SystemSettingsInfo } from '../wire';
import type { RawCustomer, SandboxFixtures, SeedSize } from '../types';
import type { SeedAccount } from './accounts';
import { buildAccounts } from './accounts';
import type { ScheduleTemplates, SeedNode } from './customers';
import { CustomerFactory, MAX_DEPTH } from './customers';
import { makeNamePools } from './pools';
import type { Rng } from './random';
import { chance, mulberry32, pick } from './random';
import { SEED_SCHEDULES } from './schedules';

export interface SeedData {
  accounts: SeedAccount[];
  customers: RawCustomer[];
  fixtures: SandboxFixtures;
}

interface SizePlan {
  bigChildren: number;
  bigGrandparents: number;
  grandchildrenEach: number;
  accountTotals: [number, number, number];
}

const PLANS: Record<SeedSize, SizePlan> = {
  small: { bigChildren: 300, bigGrandparents: 10, grandchildrenEach: 2, accountTotals: [600, 350, 250] },
  large: { bigChildren: 10_000, bigGrandparents: 100, grandchildrenEach: 3, accountTotals: [20_000, 15_000, 15_000] },
};

export const HOSTILE_NAMES = {
  imgTag: '<img src=x onerror=alert(1)>',
  scriptTag: '<script>alert("x")</script>',
  arabic: 'شركة الاتصالات المتقدمة',
  hebrew: 'חברת התקשורת המתקדמת בע"מ',
  emoji: '🚀 Rocket Telecom 📞✨',
  long: `${'Very Long Customer Name Incorporated '.repeat(6)}`.slice(0, 200),
  duplicate: 'Acme Duplicate Ltd',
} as const;

function scheduleTemplates(): ScheduleTemplates {
  const all = SEED_SCHEDULES.map((entry) => entry.schedule);
  const own = all.filter((s) => !s.inherit && !s.forceClosed);
  const base: Schedule = own[0] ?? all[0] ?? { timeZoneId: 'UTC', rules: [], defaultState: 'Open' };
  const inherit = all.filter((s) => s.inherit);
  const forceClosed = all.filter((s) => s.forceClosed && !s.inherit);
  return {
    own: own.length > 0 ? own : [base],
    inherit: inherit.length > 0 ? inherit : [{ ...base, inherit: true }],
    forceClosed: forceClosed.length > 0 ? forceClosed : [{ ...base, forceClosed: true }],
  };
}

/** Grows random trees of `count` new customers under `seeds` (and new roots when allowed). */
function grow(rng: Rng, factory: CustomerFactory, account: SeedAccount, seeds: SeedNode[], count: number, allowRoots: boolean, out: SeedNode[]): void {
  const candidates = seeds.filter((n) => n.depth < MAX_DEPTH - 1);
  for (let i = 0; i < count; i++) {
    const makeRoot = allowRoots && (candidates.length === 0 || chance(rng, 0.12));
    const node = factory.make(account, makeRoot ? null : pick(rng, candidates));
    out.push(node);
    if (node.depth < MAX_DEPTH - 1) candidates.push(node);
  }
}

export function buildSeed(seed: number, size: SeedSize): SeedData {
  const rng = mulberry32(seed);
  const plan = PLANS[size];
  const accounts = buildAccounts(rng);
  const [accA, accB, accC] = accounts as [SeedAccount, SeedAccount, SeedAccount];
  const templates = scheduleTemplates();
  const factory = new CustomerFactory(rng, makeNamePools(seed), templates);
  const [tagOne, tagTwo] = accA.tags as [SeedAccount['tags'][number], SeedAccount['tags'][number]];

  const a: SeedNode[] = [];
  const add = (node: SeedNode): SeedNode => (a.push(node), node);

  // Big parent: exact direct child count; a few children have children of their own.
  const bigParent = add(factory.make(accA, null, { name: 'Big Parent Holdings Group' }));
  const bigChildren: SeedNode[] = [];
  for (let i = 0; i < plan.bigChildren; i++) {
    bigChildren.push(add(factory.make(accA, bigParent, i < 3 ? { tags: [tagOne] } : {})));
  }
  for (let i = 0; i < plan.bigGrandparents; i++) {
    for (let j = 0; j < plan.grandchildrenEach; j++) add(factory.make(accA, bigChildren[i] as SeedNode));
  }

  // Five-level chain; levels 1 and 2 inherit, so the leaf-ward inheritance skips a level.
  const chain: SeedNode[] = [];
  for (let level = 0; level < MAX_DEPTH; level++) {
    const schedule = level === 1 || level === 2 ? pick(rng, templates.inherit) : pick(rng, templates.own);
    chain.push(add(factory.make(accA, chain[level - 1] ?? null, { schedule, tags: [tagOne, tagTwo] })));
  }

  // Exactly 200 customers in this subtree (the root plus 199 descendants, none added later).
  const subtreeRoot = add(factory.make(accA, null, { name: 'Subtree Two Hundred Partners' }));
  const subtree: SeedNode[] = [];
  grow(rng, factory, accA, [subtreeRoot], 199, false, subtree);
  subtree.forEach(add);

  const forceClosed = add(factory.make(accA, null, { schedule: pick(rng, templates.forceClosed) }));
  const hostile = {
    imgTag: add(factory.make(accA, null, { name: HOSTILE_NAMES.imgTag })),
    scriptTag: add(factory.make(accA, null, { name: HOSTILE_NAMES.scriptTag })),
    arabic: add(factory.make(accA, null, { name: HOSTILE_NAMES.arabic })),
    hebrew: add(factory.make(accA, null, { name: HOSTILE_NAMES.hebrew })),
    emoji: add(factory.make(accA, null, { name: HOSTILE_NAMES.emoji })),
    long: add(factory.make(accA, null, { name: HOSTILE_NAMES.long })),
  };
  const dupParent = add(factory.make(accA, null, { name: 'Duplicate Names Parent' }));
  const dupOne = add(factory.make(accA, dupParent, { name: HOSTILE_NAMES.duplicate }));
  const dupTwo = add(factory.make(accA, dupParent, { name: HOSTILE_NAMES.duplicate }));

  // Filler trees: new roots and children of earlier filler only, so the fixtures above stay exact.
  const fillerA: SeedNode[] = [];
  grow(rng, factory, accA, [], plan.accountTotals[0] - a.length, true, fillerA);
  const b: SeedNode[] = [];
  grow(rng, factory, accB, [], plan.accountTotals[1], true, b);
  const c: SeedNode[] = [];
  grow(rng, factory, accC, [], plan.accountTotals[2], true, c);

  const nodes = [...a, ...fillerA, ...b, ...c];
  const otherRoot = b.find((n) => n.depth === 0) as SeedNode;
  const fixtures: SandboxFixtures = {
    seed,
    size,
    customerCount: nodes.length,
    accounts: accounts.map((acc) => ({ id: acc.info.id, name: acc.info.name })),
    managerAccountId: accA.info.id,
    otherAccountId: accB.info.id,
    bigParentId: bigParent.customer.id,
    bigParentChildCount: plan.bigChildren,
    bigParentDescendantCount: plan.bigChildren + plan.bigGrandparents * plan.grandchildrenEach,
    chainIds: chain.map((n) => n.customer.id),
    subtree200Id: subtreeRoot.customer.id,
    inheritCustomerId: (chain[2] as SeedNode).customer.id,
    forceClosedCustomerId: forceClosed.customer.id,
    otherAccountCustomerId: otherRoot.customer.id,
    hostile: {
      imgTagId: hostile.imgTag.customer.id,
      scriptTagId: hostile.scriptTag.customer.id,
      arabicId: hostile.arabic.customer.id,
      hebrewId: hostile.hebrew.customer.id,
      emojiId: hostile.emoji.customer.id,
      longNameId: hostile.long.customer.id,
      duplicateIds: [dupOne.customer.id, dupTwo.customer.id],
    },
    tagFilter: { accountId: accA.info.id, tagIds: [tagOne.id, tagTwo.id] },
    unusedTagId: (accA.tags[accA.tags.length - 1] as { id: string }).id,
  };
  return { accounts, customers: nodes.map((n) => n.customer), fixtures };
}

export function systemSettingsFor(accounts: SeedAccount[], accountId: string): SystemSettingsInfo | undefined {
  return accounts.find((acc) => acc.info.id === accountId)?.settings;
}

import { describe, expect, it } from 'vitest';
import { countOutcomes, doneOf } from '../../../src/shared/bulk/counts';
import { RateWindow } from '../../../src/shared/bulk/rate';
import { classifyTargets, computeDrift, dedupeIds, emptyIdentity, excludeFromPlan, hasAllTags, replan, validatePlanRequest } from '../../../src/shared/bulk/plan-logic';
import { isAmbiguousKind, verifyWrite } from '../../../src/shared/bulk/verify';
import { undoRunItems } from '../../../src/shared/bulk/undo';
import { planRunItems } from '../../../src/shared/bulk/run-items';
import { AUDIT_COLUMNS, auditRows, redactUrl } from '../../../src/shared/bulk/audit';
import type { BulkPlan, PlanItem, RunDetail, RunItem } from '../../../src/shared/bulk/types';

const item = (customerId: string, isStaging: boolean): PlanItem => ({ customerId, name: `N-${customerId}`, breadcrumb: [], isStaging, seenAt: 't' });
const runItem = (customerId: string, over: Partial<RunItem>): RunItem => ({
  customerId,
  name: customerId,
  breadcrumb: [],
  before: false,
  targetIsStaging: true,
  after: true,
  outcome: 'changed',
  attempts: 1,
  error: null,
  note: null,
  updatedAt: 't',
  ...over,
});

describe('counts', () => {
  it('counts every outcome and derives done', () => {
    const c = countOutcomes([{ outcome: 'changed' }, { outcome: 'pending' }, { outcome: 'inFlight' }, { outcome: 'failed' }]);
    expect(c).toMatchObject({ total: 4, changed: 1, pending: 1, inFlight: 1, failed: 1 });
    expect(doneOf(c)).toBe(2);
  });
});

describe('RateWindow', () => {
  it('has no rate or ETA before data, then items/s over the window', () => {
    const w = new RateWindow(10_000);
    expect(w.ratePerSecond(0)).toBe(0);
    expect(w.etaMs(0, 10)).toBeNull();
    for (let t = 0; t <= 4_000; t += 100) w.record(t);
    expect(w.ratePerSecond(4_000)).toBeCloseTo(10.25, 1);
    expect(w.etaMs(4_000, 100)).toBeGreaterThan(9_000);
    expect(w.etaMs(4_000, 0)).toBe(0);
  });
  it('forgets items older than the window', () => {
    const w = new RateWindow(1_000);
    for (let t = 0; t < 1_000; t += 10) w.record(t);
    expect(w.ratePerSecond(5_000)).toBe(0);
  });
});

describe('plan logic', () => {
  it('dedupes ids keeping first-seen order', () => {
    expect(dedupeIds(['b', 'a', ' b', '', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
  it('applies the all-of tag rule', () => {
    expect(hasAllTags({ tags: [{ id: 't1' }, { id: 't2' }] }, ['t1', 't2'])).toBe(true);
    expect(hasAllTags({ tags: [{ id: 't1' }] }, ['t1', 't2'])).toBe(false);
    expect(hasAllTags({}, [])).toBe(true);
  });
  it('rejects empty requests', () => {
    expect(validatePlanRequest({ target: 'staging' })).toMatch(/at least one/);
    expect(validatePlanRequest({ target: 'staging', customerIds: ['x'] })).toBeNull();
  });
  it('classifies targets and counts them', () => {
    const c = classifyTargets({
      orderedIds: ['a', 'b', 'c', 'd'],
      found: new Map([
        ['a', item('a', false)],
        ['b', item('b', true)],
      ]),
      inaccessible: new Map([['c', { kind: 'Forbidden', message: 'no', status: 403 }]]),
      target: 'staging',
      excludedByTags: 2,
    });
    expect(c.toChange.map((i) => i.customerId)).toEqual(['a']);
    expect(c.alreadyInState.map((i) => i.customerId)).toEqual(['b']);
    expect(c.notAccessible.map((i) => [i.customerId, i.reason.kind])).toEqual([
      ['c', 'Forbidden'],
      ['d', 'NotFound'],
    ]);
    expect(c.counts).toEqual({ total: 4, toChange: 1, alreadyInState: 1, notAccessible: 2, excludedByTags: 2, unreadable: 0 });
  });
  it('reports drift since the plan', () => {
    const plan = {
      toChange: [item('a', false), item('b', false)],
      alreadyInState: [item('c', true)],
      notAccessible: [{ customerId: 'd', breadcrumb: [], reason: { kind: 'NotFound', message: 'x' } }],
    } as unknown as BulkPlan;
    const drift = computeDrift(
      plan,
      new Map([
        ['a', item('a', true)],
        ['c', item('c', true)],
        ['d', item('d', false)],
      ]),
      new Map([['b', { kind: 'Forbidden', message: 'gone' }]]),
    );
    expect(drift.stateChanged).toEqual([{ customerId: 'a', name: 'N-a', planned: false, now: true }]);
    expect(drift.becameInaccessible.map((d) => [d.customerId, d.reason.kind])).toEqual([['b', 'Forbidden']]);
    expect(drift.becameAccessible.map((d) => d.customerId)).toEqual(['d']);
  });
});

describe('verify rule', () => {
  it('accepts only the target routing in the answer', () => {
    expect(verifyWrite('x', true, true)).toBeNull();
    expect(verifyWrite('x', true, false)).toMatchObject({ kind: 'InvalidResponse', customerId: 'x', message: expect.stringMatching(/^Not applied/) });
    expect(verifyWrite('x', false, undefined)).not.toBeNull();
  });
  it('treats 429 as not ambiguous and 5xx/network as ambiguous', () => {
    expect(isAmbiguousKind('RateLimited')).toBe(false);
    expect(isAmbiguousKind('ServerError')).toBe(true);
    expect(isAmbiguousKind('Network')).toBe(true);
  });
});

describe('undo items', () => {
  it('sets back only what the run changed (or may have: sent, answer unreadable) and still holds the run value', () => {
    const unknown = { outcome: 'failed' as const, after: null, error: { kind: 'AmbiguousResponse' as const, message: 'HTML' } };
    const items = [
      runItem('a', {}),
      runItem('b', {}),
      runItem('c', {}),
      runItem('d', { outcome: 'alreadyInState', before: true }),
      runItem('e', { outcome: 'failed', error: { kind: 'ServerError', message: '500' }, after: false }),
      runItem('f', unknown),
      runItem('g', unknown),
    ];
    const found = new Map([
      ['a', item('a', true)],
      ['b', item('b', false)],
      ['d', item('d', true)],
      ['e', item('e', true)],
      ['f', item('f', true)],
      ['g', item('g', false)],
    ]);
    const undo = undoRunItems(items, { found, inaccessible: new Map() });
    expect(undo.map((i) => [i.customerId, i.outcome, i.targetIsStaging])).toEqual([
      ['a', 'pending', false],
      ['b', 'skipped', false],
      ['c', 'notAccessible', false],
      ['f', 'pending', false],
      ['g', 'alreadyInState', false],
    ]);
    expect(undo.find((i) => i.customerId === 'b')?.note).toMatch(/changed since by someone else/i);
    expect(undo.find((i) => i.customerId === 'c')?.error).toMatchObject({ kind: 'NotFound', customerId: 'c' });
  });
});

describe('plan run items', () => {
  const plan = {
    target: 'staging',
    toChange: [item('t1', false), item('t2', false), item('t3', false)],
    alreadyInState: [item('s1', true), item('s2', true)],
    notAccessible: [{ customerId: 'n1', breadcrumb: [], reason: { kind: 'Forbidden', message: 'no' } }],
  } as unknown as BulkPlan;

  it('sends only the confirmed customers still as the plan showed them; every drift is left alone', () => {
    const found = new Map([
      ['t1', item('t1', false)], // unchanged: sent
      ['t2', item('t2', true)], // confirmed, now already there
      ['s1', item('s1', true)], // unchanged
      ['s2', item('s2', false)], // was there, now off target: not confirmed
      ['n1', item('n1', false)], // newly accessible: not confirmed
    ]);
    const items = planRunItems(plan, { found, inaccessible: new Map([['t3', { kind: 'Forbidden' as const, message: 'gone' }]]) });
    expect(items.map((i) => [i.customerId, i.outcome])).toEqual([
      ['t1', 'pending'],
      ['t2', 'alreadyInState'],
      ['t3', 'notAccessible'],
      ['s1', 'alreadyInState'],
      ['s2', 'skipped'],
      ['n1', 'skipped'],
    ]);
    expect(items.filter((i) => i.outcome === 'pending')).toHaveLength(1);
    expect(items.find((i) => i.customerId === 's2')?.note).toMatch(/^Was staging when the plan was made/);
    expect(items.find((i) => i.customerId === 'n1')?.note).toMatch(/not accessible when the plan was made/i);
  });
});

describe('a fresh plan after drift', () => {
  it('keeps the customers the person left out, counted as left out', () => {
    const plan = {
      id: 'p1',
      createdAt: 't',
      source: 'server',
      snapshotAt: 't',
      identity: emptyIdentity(),
      request: { customerIds: ['t1', 't2', 't3'], target: 'staging' },
      target: 'staging',
      toChange: [item('t1', false), item('t2', false), item('t3', false)],
      alreadyInState: [],
      notAccessible: [],
      counts: { total: 3, toChange: 3, alreadyInState: 0, notAccessible: 0, excludedByTags: 0 },
    } as unknown as BulkPlan;
    const kept = excludeFromPlan(plan, ['t2'], 'p2');
    expect(kept.counts).toMatchObject({ total: 2, toChange: 2, excluded: 1 });
    // Someone moved t3 to staging meanwhile: the fresh plan still leaves t2 out, and says so.
    const found = new Map([
      ['t1', item('t1', false)],
      ['t3', item('t3', true)],
    ]);
    const fresh = replan(kept, { found, inaccessible: new Map() }, { id: 'p3', at: 't2', identity: emptyIdentity() });
    expect(fresh.toChange.map((i) => i.customerId)).toEqual(['t1']);
    expect(fresh.excluded?.map((i) => i.customerId)).toEqual(['t2']);
    expect(fresh.counts).toMatchObject({ total: 2, toChange: 1, alreadyInState: 1, excluded: 1 });
  });
});

describe('audit rows', () => {
  it('has one row per item with every column and readable routing words', () => {
    const run = {
      id: 'r1',
      kind: 'apply',
      parentRunId: null,
      status: 'completed',
      identity: { userEmail: 'a@b', serverUrl: 'http://h', accountId: 'acc', accountName: 'Acc' },
      startedAt: 's',
      endedAt: 'e',
      durationMs: 5,
      items: [runItem('a', { error: { kind: 'ServerError', message: 'boom' }, outcome: 'failed', after: null })],
    } as unknown as RunDetail;
    const [row] = auditRows(run);
    expect(Object.keys(row ?? {})).toEqual([...AUDIT_COLUMNS]);
    expect(row).toMatchObject({ before: 'production', after: 'unknown', target: 'staging', errorKind: 'ServerError', userEmail: 'a@b' });
  });
  it('strips credentials and query strings from server URLs', () => {
    expect(redactUrl('https://u:p@evovoice.io/x?token=1')).toBe('https://evovoice.io/x');
    expect(redactUrl(null)).toBeNull();
  });
});

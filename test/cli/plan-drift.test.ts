/* Confirmed means bounded, from the command line (issue 11, finding 1): a saved plan applied
 * with --yes writes only the customers it showed as "to change" and still as it showed them;
 * every other kind of drift since (a confirmed customer already at the target, an "already
 * there" one now off target, one that became accessible) is left alone and said. --max N bounds
 * a script: more than N to change is exit 9 with nothing written. A saved plan older than 24 h is
 * refused with the command that plans the same customers afresh. The old code re-read every id
 * of the plan and wrote every one now off target. The customers are changed meanwhile by another
 * user over the API (as a colleague would), not through the console's own code. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { JOURNAL_FILE_NAME } from '../../src/main/bulk/journal/journal-db';
import { PLAN_MAX_AGE_MS } from '../../src/shared/bulk/types';
import { harness, hiddenCustomer } from '../main/bulk/helpers';
import { signedIn } from '../sandbox/helpers';
import { ADMIN, cli, json, useSignedInSandbox } from './helpers';

let sandbox: Sandbox;
let home: string;

useSignedInSandbox((started) => ({ sandbox, home } = started), { resetEachTest: true });

interface ApplyDoc {
  runId: string;
  counts: { planned: number; changed: number; alreadyInState: number; skipped: number; failed: number };
}

const manager = () => sandbox.admin.customers().filter((c) => c.accountId === sandbox.fixtures.managerAccountId);
const production = () => manager().filter((c) => !c.isStaging).map((c) => c.id);
const staging = () => manager().filter((c) => c.isStaging).map((c) => c.id);
const isStaging = (id: string) => sandbox.admin.customer(id)?.isStaging === true;
const written = () => sandbox.admin.writes().map((w) => w.customerId);

/** Another user moves a customer, over the API. */
async function colleagueSets(id: string, toStaging: boolean): Promise<void> {
  const other = await signedIn(sandbox, ADMIN);
  const answer = await other.post(`/customers/${id}/staging`, { isStaging: toStaging });
  expect(answer.status).toBe(200);
}

async function savePlan(ids: string[]): Promise<string> {
  const saved = await cli(['--json', 'staging', 'plan', '--to', 'staging', ...ids, '--save'], { home });
  expect(saved.code, saved.stderr).toBe(0);
  return json<{ planId: string }>(saved).planId;
}

describe('a saved plan applied after its customers changed', { timeout: 120_000 }, () => {
  it('plans apply --yes changes only the confirmed customer still as planned, and says what it left alone', async () => {
    const [confirmed, confirmedNowThere, hidden] = production() as [string, string, string];
    const [alreadyThere, alreadyThereNowOff] = staging() as [string, string];
    // Saved by the desktop app (the same journal), while `hidden` was out of reach: the CLI
    // itself refuses to plan a named customer it cannot read.
    sandbox.admin.setFaults({ answerOverrides: hiddenCustomer(hidden) });
    const app = (await harness(sandbox, { dir: home })).service;
    const plan = await app.plan({ customerIds: [confirmed, confirmedNowThere, alreadyThere, alreadyThereNowOff, hidden], target: 'staging' });
    expect(plan.counts).toMatchObject({ toChange: 2, alreadyInState: 2, notAccessible: 1 });
    app.savePlan(plan);
    const planId = plan.id;
    sandbox.admin.clearFaults();
    await colleagueSets(confirmedNowThere, true);
    await colleagueSets(alreadyThereNowOff, false);
    const before = written().length;

    const applied = await cli(['--json', 'plans', 'apply', planId.slice(0, 8), '--yes'], { home });
    expect(applied.code, applied.stderr).toBe(0);
    expect(written().slice(before)).toEqual([confirmed]);
    expect(isStaging(alreadyThereNowOff)).toBe(false);
    expect(isStaging(hidden)).toBe(false);
    expect(json<ApplyDoc>(applied).counts).toMatchObject({ planned: 5, changed: 1, skipped: 2, failed: 0 });
    expect(applied.stderr).toMatch(/3 customers changed between the plan and the start; only the customers of the plan still as it showed them are changed/);
    for (const [id, change] of [
      [confirmedNowThere, /was normal, now staging/],
      [alreadyThereNowOff, /was staging, now normal/],
      [hidden, /accessible now/],
    ] as const) {
      expect(applied.stderr).toMatch(new RegExp(`${id}.*${change.source}`));
    }
  });

  it('--max N: more than N to change is exit 9 and nothing is written (staging apply and plans apply)', async () => {
    const ids = production().slice(0, 3);
    const fresh = await cli(['--json', 'staging', 'apply', '--to', 'staging', ...ids, '--yes', '--max', '2'], { home });
    expect(fresh.code, fresh.stderr).toBe(9);
    expect(fresh.stderr).toMatch(/3 customers would change, more than --max 2; nothing was sent/);
    const planId = await savePlan(ids);
    const saved = await cli(['--json', 'plans', 'apply', planId, '--yes', '--max', '2'], { home });
    expect(saved.code, saved.stderr).toBe(9);
    expect(written()).toEqual([]);
    // A bad --max or --return-by is refused before the plan's customers are read again.
    const answered = () => Object.values(sandbox.admin.metrics().requestsByStatus).reduce((n, v) => n + v, 0);
    const before = answered();
    const badReturnBy = await cli(['plans', 'apply', planId, '--return-by', 'tomorrow'], { home });
    expect(badReturnBy.code, badReturnBy.stderr).toBe(2);
    expect(badReturnBy.stderr).toContain('"tomorrow" is not a return-by time');
    const badMax = await cli(['plans', 'apply', planId, '--max', 'lots'], { home });
    expect(badMax.code, badMax.stderr).toBe(2);
    expect(answered()).toBe(before);
    // Within the bound it goes ahead.
    const within = await cli(['--json', 'plans', 'apply', planId, '--yes', '--max', '3'], { home });
    expect(within.code, within.stderr).toBe(0);
    expect(written().sort()).toEqual([...ids].sort());
  });

  it('a saved plan older than 24 hours is refused with the command for a fresh plan; nothing is written', async () => {
    const ids = production().slice(0, 2);
    const planId = await savePlan(ids);
    const old = new Date(Date.now() - PLAN_MAX_AGE_MS - 60_000).toISOString();
    const db = new Database(path.join(home, JOURNAL_FILE_NAME));
    try {
      db.prepare(`UPDATE plans SET created_at = ?, plan_json = json_set(plan_json, '$.createdAt', ?) WHERE id = ?`).run(old, old, planId);
    } finally {
      db.close();
    }
    const refused = await cli(['plans', 'apply', planId, '--yes'], { home });
    expect(refused.code, refused.stderr).toBe(9);
    expect(refused.stderr).toMatch(/more than 24 hours ago; a plan that old is not applied\. Plan the same customers afresh: evo-console staging apply --to staging/);
    for (const id of ids) expect(refused.stderr).toContain(id);
    expect(written()).toEqual([]);
  });
});

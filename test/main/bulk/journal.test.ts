import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkJournal } from '../../../src/main/bulk/journal/journal';
import { journalFilePath, openJournalDatabase } from '../../../src/main/bulk/journal/journal-db';
import { JOURNAL_MIGRATIONS } from '../../../src/main/bulk/journal/migrations';
import { migration001 } from '../../../src/main/bulk/journal/migrations/001-runs-and-items';
import { migration002 } from '../../../src/main/bulk/journal/migrations/002-plans';
import { migration003 } from '../../../src/main/bulk/journal/migrations/003-run-claims-and-plan-index';
import { RunClaimConflict, type NewRun, type RecordedOwner } from '../../../src/main/bulk/journal/journal';
import type { NewRunItem } from '../../../src/shared/bulk/run-items';
import { makePlan } from '../../renderer/support/fixtures';
import { migrate } from '../../../src/main/sqlite/migrations';
import { tempDir } from './helpers';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('journal file', () => {
  it('is created owner-only, in WAL mode, at the latest schema', () => {
    const dir = tempDir();
    const db = openJournalDatabase({ appDataDir: dir });
    expect(fs.statSync(journalFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(JOURNAL_MIGRATIONS.length);
    db.close();
  });

  it('refuses a journal written by a newer app and leaves it untouched', () => {
    const dir = tempDir();
    openJournalDatabase({ appDataDir: dir }).close();
    const raw = new Database(journalFilePath(dir));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openJournalDatabase({ appDataDir: dir })).toThrow(/newer version/);
    const again = new Database(journalFilePath(dir));
    expect(again.pragma('user_version', { simple: true })).toBe(99);
    again.close();
  });
});

describe('journal migrations, one at a time', () => {
  it('001 creates runs and run_items with their constraints', () => {
    const db = new Database(':memory:');
    migrate(db, [migration001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['run_items', 'runs']);
    db.prepare(`INSERT INTO runs (id, kind, status, target, concurrency, max_attempts, created_at) VALUES ('r', 'apply', 'running', 'staging', 6, 5, 't')`).run();
    expect(() =>
      db.prepare(`INSERT INTO run_items (run_id, seq, customer_id, name, breadcrumb_json, target, outcome, updated_at) VALUES ('r', 0, 'c', 'n', '[]', 1, 'bogus', 't')`).run(),
    ).toThrow(/CHECK/);
    db.prepare(`INSERT INTO run_items (run_id, seq, customer_id, name, breadcrumb_json, target, outcome, updated_at) VALUES ('r', 0, 'c', 'n', '[]', 1, 'pending', 't')`).run();
    expect(() =>
      db.prepare(`INSERT INTO run_items (run_id, seq, customer_id, name, breadcrumb_json, target, outcome, updated_at) VALUES ('r', 1, 'c', 'n', '[]', 1, 'pending', 't')`).run(),
    ).toThrow(/UNIQUE|PRIMARY/);
  });

  it('002 adds plans on top of a version-1 file without touching its runs', () => {
    const db = new Database(':memory:');
    migrate(db, [migration001]);
    db.prepare(`INSERT INTO runs (id, kind, status, target, concurrency, max_attempts, created_at) VALUES ('r', 'apply', 'completed', 'staging', 6, 5, 't')`).run();
    migrate(db, [migration001, migration002]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables(db)).toEqual(['plans', 'run_items', 'runs']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM plans').get()).toEqual({ n: 0 });
  });

  it('003 adds run claims and the plan index, filling the index from the plans already saved', () => {
    const db = new Database(':memory:');
    migrate(db, [migration001, migration002]);
    const plan = makePlan({ id: 'p-old', identity: { userEmail: 'a@b', serverUrl: 'http://x', accountId: 'acc', accountName: 'Acme' } });
    db.prepare(`INSERT INTO plans (id, created_at, source, target, user_email, server_url, account_id, plan_json) VALUES (?, ?, 'server', 'staging', 'a@b', 'http://x', 'acc', ?)`).run(
      plan.id,
      plan.createdAt,
      JSON.stringify(plan),
    );
    db.prepare(`INSERT INTO runs (id, kind, status, target, concurrency, max_attempts, created_at, owner_pid, owner_host) VALUES ('r', 'apply', 'running', 'staging', 6, 5, 't', 1, 'h')`).run();
    migrate(db, [migration001, migration002, migration003]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const journal = new BulkJournal(db);
    expect(journal.listPlans()).toEqual([{ id: 'p-old', createdAt: plan.createdAt, source: 'server', snapshotAt: plan.snapshotAt, identity: plan.identity, target: 'staging', counts: plan.counts }]);
    // A run recorded by an older app has an owner (pid) but no token nor heartbeat.
    expect(journal.listUnfinished()[0]?.owner).toEqual({ token: null, pid: 1, host: 'h', heartbeatAt: null });
  });

  it('rejects misnumbered migrations', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [migration002])).toThrow(/numbered/);
  });
});

const OWNER = { token: 'me', pid: 1, host: 'h' };
const newRun = (id: string, over: Partial<NewRun> = {}): NewRun => ({
  id,
  kind: 'apply',
  parentRunId: null,
  planId: null,
  target: 'staging',
  identity: { userEmail: 'a@b.c', serverUrl: 'http://x', accountId: 'acc', accountName: 'Acc' },
  request: { customerIds: ['c1', 'c2'], target: 'staging' },
  planCounts: null,
  drift: null,
  concurrency: 2,
  maxAttempts: 5,
  createdAt: '2026-01-01T00:00:00.000Z',
  owner: OWNER,
  ...over,
});
const pending = (customerId: string): NewRunItem => ({ customerId, name: customerId, breadcrumb: [], before: false, targetIsStaging: true, outcome: 'pending' });
const everyoneLive = () => true;
const nobodyLive = () => false;

describe('journal records', () => {
  it('keeps a run with its items, outcomes, attempts and duration', () => {
    const db = openJournalDatabase({ appDataDir: tempDir() });
    const journal = new BulkJournal(db);
    journal.createRun(
      newRun('run1'),
      [
        { customerId: 'c1', name: 'One', breadcrumb: [{ id: 'p', name: 'P' }], before: false, targetIsStaging: true, outcome: 'pending' },
        { customerId: 'c2', name: 'Two', breadcrumb: [], before: true, targetIsStaging: true, outcome: 'alreadyInState', after: true },
      ],
      everyoneLive,
    );
    expect(journal.markInFlight('run1', 'c1', 1, '2026-01-01T00:00:00.100Z', OWNER.token)).toBe(true);
    expect(journal.getItem('run1', 'c1')).toMatchObject({ outcome: 'inFlight', attempts: 1 });
    expect(journal.listUnfinished().map((r) => [r.id, r.owner])).toEqual([['run1', { ...OWNER, heartbeatAt: '2026-01-01T00:00:00.000Z' }]]);
    journal.recordOutcome('run1', 'c1', { outcome: 'changed', after: true, error: null, at: '2026-01-01T00:00:00.200Z' });
    journal.finishRun('run1', 'completed', '2026-01-01T00:00:01.500Z');
    const run = journal.getRunDetail('run1')!;
    expect(run).toMatchObject({ status: 'completed', durationMs: 1500, counts: { total: 2, changed: 1, alreadyInState: 1 } });
    expect(run.items[0]).toMatchObject({ customerId: 'c1', before: false, after: true, outcome: 'changed', attempts: 1, breadcrumb: [{ id: 'p', name: 'P' }] });
    expect(journal.listUnfinished()).toEqual([]);
    db.close();
  });
});

describe('one driver per run', () => {
  it('lets only the owner mark an item in flight; a claim takes a run over from an owner that is gone, never from a live one', () => {
    const journal = new BulkJournal(openJournalDatabase({ appDataDir: tempDir() }));
    journal.createRun(newRun('run1'), [pending('c1'), pending('c2')], everyoneLive);
    expect(journal.markInFlight('run1', 'c1', 1, 't', 'someone-else')).toBe(false);
    expect(journal.getItem('run1', 'c1')?.outcome).toBe('pending');

    const other = { token: 'other', pid: 2, host: 'h' };
    expect(() => journal.claimRun('run1', other, 't2', everyoneLive)).toThrow(RunClaimConflict);
    let asked: RecordedOwner | undefined;
    journal.claimRun('run1', other, '2026-01-01T00:00:02.000Z', (owner) => ((asked = owner), false));
    expect(asked).toMatchObject({ token: 'me', pid: 1 });
    expect(journal.markInFlight('run1', 'c1', 1, 't', 'me')).toBe(false); // taken over: the old owner sends nothing more
    expect(journal.markInFlight('run1', 'c1', 1, 't', 'other')).toBe(true);
    expect(journal.heartbeat('run1', 'me', 't3')).toBe(false);
    expect(journal.heartbeat('run1', 'other', 't3')).toBe(true);
    expect(journal.getRun('run1')?.continueCount).toBe(1);

    journal.releaseRun('run1', 'other', '2026-01-01T00:00:03.000Z');
    expect(journal.listUnfinished()[0]?.owner).toBeNull();
    journal.claimRun('run1', OWNER, 't4', everyoneLive); // released: nobody to refuse for
  });

  it('refuses a run whose customers a live run of another owner still works on, and names that run', () => {
    const journal = new BulkJournal(openJournalDatabase({ appDataDir: tempDir() }));
    journal.createRun(newRun('first'), [pending('c1'), pending('c2')], everyoneLive);
    const second = () => journal.createRun(newRun('second', { owner: { token: 'other', pid: 2, host: 'h' } }), [pending('c3'), pending('c2')], everyoneLive);
    expect(second).toThrow(/Run first is still changing customer c2/);
    expect(journal.getRun('second')).toBeNull(); // nothing written
    // Settled customers of the first run do not block; nor does a first run nobody drives.
    journal.recordOutcome('first', 'c2', { outcome: 'changed', at: 't' });
    second();
    journal.createRun(newRun('third', { owner: { token: 'x', pid: 3, host: 'h' } }), [pending('c1')], nobodyLive);
  });
});

describe('saved plans', () => {
  it('are listed from the index (a plan whose stored text is damaged is still listed) and kept to the newest N plus the last week', () => {
    const db = openJournalDatabase({ appDataDir: tempDir() });
    const journal = new BulkJournal(db);
    const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();
    for (let n = 1; n <= 6; n++) journal.savePlan(makePlan({ id: `p${n}`, createdAt: day(n) }), { keep: 100, keepAfter: day(0) });
    db.prepare(`UPDATE plans SET plan_json = 'not json' WHERE id = 'p2'`).run();
    expect(journal.listPlans().map((p) => p.id)).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1']);
    // Keep the newest 2, and anything made from day 4 on.
    const summary = journal.savePlan(makePlan({ id: 'p7', createdAt: day(7) }), { keep: 2, keepAfter: day(4) });
    expect(summary).toMatchObject({ id: 'p7', createdAt: day(7) });
    expect(journal.listPlans().map((p) => p.id)).toEqual(['p7', 'p6', 'p5', 'p4']);
    expect(journal.deletePlan('p4')).toBe(true);
    expect(journal.deletePlan('p4')).toBe(false);
    db.close();
  });
});

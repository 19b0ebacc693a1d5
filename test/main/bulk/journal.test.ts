import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkJournal } from '../../../src/main/bulk/journal/journal';
import { journalFilePath, openJournalDatabase } from '../../../src/main/bulk/journal/journal-db';
import { JOURNAL_MIGRATIONS } from '../../../src/main/bulk/journal/migrations';
import { migration001 } from '../../../src/main/bulk/journal/migrations/001-runs-and-items';
import { migration002 } from '../../../src/main/bulk/journal/migrations/002-plans';
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
    const journal = new BulkJournal(db);
    expect(journal.listPlans()).toEqual([]);
  });

  it('rejects misnumbered migrations', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [migration002])).toThrow(/numbered/);
  });
});

describe('journal records', () => {
  it('keeps a run with its items, outcomes, attempts and duration', () => {
    const db = openJournalDatabase({ appDataDir: tempDir() });
    const journal = new BulkJournal(db);
    journal.createRun(
      {
        id: 'run1',
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
        owner: { pid: 1, host: 'h' },
      },
      [
        { customerId: 'c1', name: 'One', breadcrumb: [{ id: 'p', name: 'P' }], before: false, target: true, outcome: 'pending' },
        { customerId: 'c2', name: 'Two', breadcrumb: [], before: true, target: true, outcome: 'alreadyInState', after: true },
      ],
    );
    journal.markInFlight('run1', 'c1', 1, '2026-01-01T00:00:00.100Z');
    expect(journal.getItem('run1', 'c1')).toMatchObject({ outcome: 'inFlight', attempts: 1 });
    expect(journal.listUnfinished().map((r) => [r.id, r.owner])).toEqual([['run1', { pid: 1, host: 'h' }]]);
    journal.recordOutcome('run1', 'c1', { outcome: 'changed', after: true, error: null, at: '2026-01-01T00:00:00.200Z' });
    journal.finishRun('run1', 'completed', '2026-01-01T00:00:01.500Z');
    const run = journal.getRunDetail('run1')!;
    expect(run).toMatchObject({ status: 'completed', durationMs: 1500, counts: { total: 2, changed: 1, alreadyInState: 1 } });
    expect(run.items[0]).toMatchObject({ customerId: 'c1', before: false, after: true, outcome: 'changed', attempts: 1, breadcrumb: [{ id: 'p', name: 'P' }] });
    expect(journal.listUnfinished()).toEqual([]);
    db.close();
  });
});

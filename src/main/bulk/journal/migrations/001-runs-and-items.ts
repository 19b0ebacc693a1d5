/* Runs and their items: the write-ahead record of every staging change. */
import type { Migration } from '../../../sqlite/migrations';

export const migration001: Migration = {
  version: 1,
  name: 'runs-and-items',
  up(db) {
    db.exec(`
      CREATE TABLE runs (
        id               TEXT PRIMARY KEY,
        kind             TEXT NOT NULL CHECK (kind IN ('apply', 'retryFailed', 'undo')),
        parent_run_id    TEXT REFERENCES runs(id),
        plan_id          TEXT,
        status           TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled')),
        target           TEXT NOT NULL CHECK (target IN ('staging', 'production')),
        user_email       TEXT,
        server_url       TEXT,
        account_id       TEXT,
        account_name     TEXT,
        request_json     TEXT,
        plan_counts_json TEXT,
        drift_json       TEXT,
        concurrency      INTEGER NOT NULL,
        max_attempts     INTEGER NOT NULL,
        created_at       TEXT NOT NULL,
        started_at       TEXT,
        ended_at         TEXT,
        -- time spent running, summed over segments (a crash-to-resume gap is not counted)
        active_ms        INTEGER NOT NULL DEFAULT 0,
        segment_started_at TEXT,
        resume_count     INTEGER NOT NULL DEFAULT 0,
        -- the process driving the run, so another process can tell "live" from "interrupted"
        owner_pid        INTEGER,
        owner_host       TEXT
      ) STRICT;
      CREATE INDEX runs_by_status ON runs(status);
      CREATE INDEX runs_by_created ON runs(created_at);

      CREATE TABLE run_items (
        run_id          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        customer_id     TEXT NOT NULL,
        name            TEXT NOT NULL,
        breadcrumb_json TEXT NOT NULL,
        before          INTEGER CHECK (before IN (0, 1)),
        target          INTEGER NOT NULL CHECK (target IN (0, 1)),
        after           INTEGER CHECK (after IN (0, 1)),
        outcome         TEXT NOT NULL CHECK (outcome IN
                          ('pending', 'inFlight', 'changed', 'alreadyInState', 'failed', 'skipped', 'notAccessible', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        error_json      TEXT,
        note            TEXT,
        updated_at      TEXT NOT NULL,
        PRIMARY KEY (run_id, customer_id)
      ) STRICT;
      CREATE UNIQUE INDEX run_items_by_seq ON run_items(run_id, seq);
      CREATE INDEX run_items_by_outcome ON run_items(run_id, outcome);
    `);
  },
};

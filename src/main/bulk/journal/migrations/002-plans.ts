/* Saved plans, so a plan can be reviewed later (also offline) and applied by id. */
import type { Migration } from '../../../sqlite/migrations';

export const migration002: Migration = {
  version: 2,
  name: 'plans',
  up(db) {
    db.exec(`
      CREATE TABLE plans (
        id          TEXT PRIMARY KEY,
        created_at  TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('server', 'cache')),
        target      TEXT NOT NULL CHECK (target IN ('staging', 'production')),
        user_email  TEXT,
        server_url  TEXT,
        account_id  TEXT,
        plan_json   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plans_by_created ON plans(created_at);
    `);
  },
};

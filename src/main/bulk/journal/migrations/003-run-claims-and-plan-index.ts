/* One driver per run, and saved plans listed without reading them:
 * - runs.owner_token / heartbeat_at: the driving process claims a run by writing its own token
 *   (one conditional UPDATE) and keeps the claim alive with a heartbeat; a claim whose process
 *   is gone or whose heartbeat stopped may be taken over (BulkJournal.claimRun);
 * - run_items_by_customer: finds another live run working on the same customers;
 * - plans: the summary columns a listing shows (counts, snapshot, account name), filled from
 *   the stored plans, so listing no longer parses every plan. */
import type { Migration } from '../../../sqlite/migrations';

export const migration003: Migration = {
  version: 3,
  name: 'run-claims-and-plan-index',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN owner_token TEXT;
      ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
      CREATE INDEX run_items_by_customer ON run_items(customer_id, outcome);

      ALTER TABLE plans ADD COLUMN snapshot_at TEXT;
      ALTER TABLE plans ADD COLUMN account_name TEXT;
      ALTER TABLE plans ADD COLUMN counts_json TEXT;
      UPDATE plans SET
        snapshot_at = json_extract(plan_json, '$.snapshotAt'),
        account_name = json_extract(plan_json, '$.identity.accountName'),
        counts_json = json_extract(plan_json, '$.counts');
    `);
  },
};

/* A run to staging may carry a "return by" time (when its customers should be back on normal
 * routing). Due and overdue customers are found from the runs that have one, so those runs are
 * indexed; the index holds only them. */
import type { Migration } from '../../../sqlite/migrations';

export const migration004: Migration = {
  version: 4,
  name: 'return-by',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN return_by TEXT;
      CREATE INDEX runs_with_return_by ON runs(return_by) WHERE return_by IS NOT NULL;
    `);
  },
};

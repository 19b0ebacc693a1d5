import type { Migration } from '../../sqlite/migrations';

/* Substring name search without scanning every customer: an FTS5 trigram index over
 * customers.name_folded (already lower-case and accent-free). A quoted phrase of 3+ characters
 * MATCHes exactly the names containing it; shorter searches fall back to scanning the
 * name_folded index. External-content table, kept in step by triggers; the UPDATE trigger
 * skips unchanged names so re-syncing 50,000 customers does not rewrite the index. */
export const migration002: Migration = {
  version: 2,
  name: 'name-search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE customers_name_fts USING fts5(
        name_folded, content = 'customers', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE TRIGGER customers_name_fts_insert AFTER INSERT ON customers BEGIN
        INSERT INTO customers_name_fts (rowid, name_folded) VALUES (new.rowid, new.name_folded);
      END;
      CREATE TRIGGER customers_name_fts_delete AFTER DELETE ON customers BEGIN
        INSERT INTO customers_name_fts (customers_name_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
      END;
      CREATE TRIGGER customers_name_fts_update AFTER UPDATE OF name_folded ON customers
      WHEN old.name_folded IS NOT new.name_folded BEGIN
        INSERT INTO customers_name_fts (customers_name_fts, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
        INSERT INTO customers_name_fts (rowid, name_folded) VALUES (new.rowid, new.name_folded);
      END;
      INSERT INTO customers_name_fts (customers_name_fts) VALUES ('rebuild');
    `);
  },
};

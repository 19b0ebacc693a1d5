import type { Migration } from '../../sqlite/migrations';

/* The first cache schema.
 * - customers.path: ancestor ids root first, each followed by '/', e.g. '/root/mid/' for a
 *   grandchild, '/' for a root. Ids are escaped (see customer-rows.ts) so a '/' inside an id
 *   cannot break the path. Descendants of X are a range scan on the prefix X.path || X.id || '/'.
 * - customers.name_folded: lower-case, accents removed (fold.ts) for insensitive search.
 * - customers.json: the CustomerInfo exactly as validated, unknown members included.
 * - tags: the account's catalogue (GET /system/settings); customer_tags: which tags a customer
 *   carries (from CustomerInfo.tags), used for "has all these tags" filters.
 * - subtree_sync: when "Make available offline" last completed for a subtree.
 * Times are milliseconds since the epoch. */
export const migration001: Migration = {
  version: 1,
  name: 'initial-schema',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id          TEXT PRIMARY KEY,
        account_id  TEXT,
        parent_id   TEXT,
        name        TEXT NOT NULL DEFAULT '',
        name_folded TEXT NOT NULL DEFAULT '',
        reference_id TEXT,
        is_staging  INTEGER,
        path        TEXT NOT NULL DEFAULT '/',
        depth       INTEGER NOT NULL DEFAULT 0,
        child_count INTEGER,
        json        TEXT NOT NULL,
        fetched_at  INTEGER NOT NULL
      );
      -- children of X sorted by name (covers the roots query: parent_id IS NULL)
      CREATE INDEX customers_parent_name ON customers (parent_id, name_folded, id);
      -- descendants of X by path prefix
      CREATE INDEX customers_path ON customers (path);
      -- name search scans this small covering index instead of the 2 KB rows
      CREATE INDEX customers_name_folded ON customers (name_folded, id);

      CREATE TABLE tags (
        account_id TEXT NOT NULL,
        id         TEXT NOT NULL,
        name       TEXT,
        color      TEXT,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, id)
      );

      CREATE TABLE customer_tags (
        customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        tag_id      TEXT NOT NULL,
        PRIMARY KEY (customer_id, tag_id)
      ) WITHOUT ROWID;
      -- tag filter: customers carrying tag T
      CREATE INDEX customer_tags_tag ON customer_tags (tag_id, customer_id);

      CREATE TABLE subtree_sync (
        root_id   TEXT PRIMARY KEY,
        synced_at INTEGER NOT NULL,
        count     INTEGER NOT NULL
      );
    `);
  },
};

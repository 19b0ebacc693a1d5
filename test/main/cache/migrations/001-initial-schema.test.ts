import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../../src/main/cache/database';
import { migration001 } from '../../../../src/main/cache/migrations/001-initial-schema';
import { PROFILE, tempDir } from '../helpers';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.cleanup());

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
const indexes = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c'`).all(table) as { name: string }[]).map((i) => i.name).sort();

describe('migration 001: initial schema', () => {
  it('turns a fresh database into version 1 with the expected tables, columns and indexes', () => {
    const { db } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: [migration001] });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(columns(db, 'customers')).toEqual([
        'id', 'account_id', 'parent_id', 'name', 'name_folded', 'reference_id', 'is_staging',
        'path', 'depth', 'child_count', 'json', 'fetched_at',
      ]);
      expect(columns(db, 'tags')).toEqual(['account_id', 'id', 'name', 'color', 'fetched_at']);
      expect(columns(db, 'customer_tags')).toEqual(['customer_id', 'tag_id']);
      expect(columns(db, 'subtree_sync')).toEqual(['root_id', 'synced_at', 'count']);
      expect(indexes(db, 'customers')).toEqual(['customers_name_folded', 'customers_parent_name', 'customers_path']);
      expect(indexes(db, 'customer_tags')).toEqual(['customer_tags_tag']);
      expect(db.pragma('page_size', { simple: true })).toBe(8192);
    } finally {
      db.close();
    }
  });

  it('uses its indexes for the cache queries', () => {
    const { db } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: [migration001] });
    try {
      const plan = (sql: string, ...params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan('SELECT json FROM customers c WHERE c.parent_id IS ? ORDER BY c.name_folded, c.id LIMIT 10', 'p')).toContain('customers_parent_name');
      expect(plan('SELECT json FROM customers WHERE path >= ? AND path < ?', '/a/', '/a0')).toContain('customers_path');
      expect(plan('SELECT json FROM customers c WHERE instr(c.name_folded, ?) > 0 ORDER BY c.name_folded, c.id LIMIT 10', 'x')).toContain(
        'customers_name_folded',
      );
      expect(plan('SELECT customer_id FROM customer_tags WHERE tag_id IN (?, ?)', 't1', 't2')).toContain('customer_tags_tag');
    } finally {
      db.close();
    }
  });

  it('removes a customer’s tag links with the customer (foreign keys on)', () => {
    const { db } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: [migration001] });
    try {
      db.prepare(`INSERT INTO customers (id, json, fetched_at) VALUES ('c1', '{}', 1)`).run();
      db.prepare(`INSERT INTO customer_tags VALUES ('c1', 't1')`).run();
      expect(() => db.prepare(`INSERT INTO customer_tags VALUES ('nobody', 't1')`).run()).toThrow(/FOREIGN KEY/);
      db.prepare(`DELETE FROM customers WHERE id = 'c1'`).run();
      expect(db.prepare('SELECT count(*) FROM customer_tags').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

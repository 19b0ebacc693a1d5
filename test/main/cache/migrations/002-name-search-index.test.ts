import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../../src/main/cache/database';
import { migration001 } from '../../../../src/main/cache/migrations/001-initial-schema';
import { migration002 } from '../../../../src/main/cache/migrations/002-name-search-index';
import { PROFILE, tempDir } from '../helpers';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.cleanup());

describe('migration 002: trigram name search index', () => {
  it('indexes names already cached at version 1, and keeps the index in step with changes', () => {
    const v1 = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: [migration001] });
    v1.db.prepare(`INSERT INTO customers (id, name, name_folded, json, fetched_at) VALUES ('c1', 'Café Olé', 'cafe ole', '{}', 1)`).run();
    v1.db.close();

    const { db } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: [migration001, migration002] });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect((db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).pluck().all() as string[])).toEqual([
        'customers_name_fts_delete',
        'customers_name_fts_insert',
        'customers_name_fts_update',
      ]);
      const match = (q: string) =>
        db.prepare(`SELECT c.id FROM customers c WHERE c.rowid IN (SELECT rowid FROM customers_name_fts WHERE customers_name_fts MATCH ?) ORDER BY c.id`).pluck().all(`"${q}"`);
      expect(match('fe o')).toEqual(['c1']); // existing row indexed by the rebuild

      db.prepare(`INSERT INTO customers (id, name, name_folded, json, fetched_at) VALUES ('c2', 'Cafeteria', 'cafeteria', '{}', 1)`).run();
      expect(match('caf')).toEqual(['c1', 'c2']);
      db.prepare(`UPDATE customers SET name_folded = 'bistro' WHERE id = 'c1'`).run();
      expect(match('caf')).toEqual(['c2']);
      expect(match('stro')).toEqual(['c1']);
      db.prepare(`DELETE FROM customers WHERE id = 'c2'`).run();
      expect(match('caf')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.prepare(`INSERT INTO customers_name_fts (customers_name_fts) VALUES ('integrity-check')`).run();
    } finally {
      db.close();
    }
  });
});

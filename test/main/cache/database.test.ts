import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFilePath, openCacheDatabase, profileCacheKey } from '../../../src/main/cache/database';
import { MIGRATIONS } from '../../../src/main/cache/migrations';
import type { Migration } from '../../../src/main/sqlite/migrations';
import { PROFILE, tempDir } from './helpers';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.cleanup());

describe('profile cache key', () => {
  it('is filename-safe, readable and distinct per server, user and account', () => {
    const key = profileCacheKey(PROFILE);
    expect(key).toMatch(/^[a-z0-9.@_-]+$/);
    expect(key.startsWith('evovoice.io-admin@sandbox.test-acc-1-')).toBe(true);
    const others = [
      { ...PROFILE, server: 'http://127.0.0.1:4000' },
      { ...PROFILE, user: 'manager@sandbox.test' },
      { ...PROFILE, accountId: 'acc-2' },
      { ...PROFILE, user: '../../etc/passwd' },
    ].map(profileCacheKey);
    expect(new Set([key, ...others]).size).toBe(5);
    for (const k of others) expect(k).toMatch(/^[a-z0-9.@_-]+$/);
  });
});

describe('openCacheDatabase', () => {
  it('creates an owner-only WAL database in <appData>/cache with all migrations applied', () => {
    const { db, file, recovered } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE });
    try {
      expect(recovered).toBeUndefined();
      expect(file).toBe(cacheFilePath(temp.dir, PROFILE));
      expect(path.dirname(file)).toBe(path.join(temp.dir, 'cache'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      db.prepare(`INSERT INTO customers (id, json, fetched_at) VALUES ('c1', '{}', 1)`).run();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it('reopens an existing file without re-running migrations', () => {
    let runs = 0;
    const counting: Migration[] = MIGRATIONS.map((m) => ({ ...m, up: (db) => (runs++, m.up(db)) }));
    openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: counting }).db.close();
    const { db } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, migrations: counting });
    db.close();
    expect(runs).toBe(MIGRATIONS.length);
  });

  it('moves a file that is not a database aside, rebuilds it and reports where it went', () => {
    const file = cacheFilePath(temp.dir, PROFILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(64 * 1024, 'garbage! '));
    const { db, recovered } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, now: () => Date.UTC(2026, 10, 27, 4, 5, 6) });
    try {
      expect(recovered?.movedTo).toBe(`${file}.corrupt-2026-11-27T04-05-06-000Z`);
      expect(fs.readFileSync(recovered!.movedTo, 'utf8').startsWith('garbage! ')).toBe(true);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('moves aside a database whose pages are damaged (fails quick_check)', () => {
    const opened = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE });
    const insert = opened.db.prepare('INSERT INTO customers (id, name, name_folded, json, fetched_at) VALUES (?, ?, ?, ?, 1)');
    opened.db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`c${i}`, `Customer ${i}`, `customer ${i}`, JSON.stringify({ pad: 'x'.repeat(500) }));
    })();
    opened.db.close();
    // Overwrite the middle of the file (index and table pages) but keep the valid header.
    const fd = fs.openSync(opened.file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(8192 * 8, 0xa5), 0, 8192 * 8, Math.floor(size / 2 / 8192) * 8192);
    fs.closeSync(fd);

    const { db, recovered } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE, integrityCheck: 'always' });
    try {
      expect(recovered).toBeDefined();
      expect(fs.existsSync(recovered!.movedTo)).toBe(true);
      expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('runs the full check after an unclean shutdown (WAL file left behind) and catches damage then', () => {
    const opened = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE });
    const insert = opened.db.prepare('INSERT INTO customers (id, name, name_folded, json, fetched_at) VALUES (?, ?, ?, ?, 1)');
    opened.db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`c${i}`, `Customer ${i}`, `customer ${i}`, JSON.stringify({ pad: 'x'.repeat(500) }));
    })();
    opened.db.pragma('wal_checkpoint(TRUNCATE)');
    // Simulate a crash: the process dies with the connection open, so the -wal file stays.
    fs.copyFileSync(`${opened.file}-wal`, `${opened.file}-wal.kept`);
    opened.db.close();
    fs.renameSync(`${opened.file}-wal.kept`, `${opened.file}-wal`);
    const fd = fs.openSync(opened.file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(8192 * 8, 0xa5), 0, 8192 * 8, Math.floor(size / 2 / 8192) * 8192);
    fs.closeSync(fd);

    const { db, recovered } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE });
    db.close();
    expect(recovered?.reason).toBeDefined();
  });

  it('rebuilds a cache written by a newer app version instead of misreading it', () => {
    const first = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE });
    first.db.pragma('user_version = 99');
    first.db.close();
    const { db, recovered } = openCacheDatabase({ appDataDir: temp.dir, profile: PROFILE });
    db.close();
    expect(recovered?.reason).toMatch(/newer/);
  });
});

/* Opens the per-profile cache database: one SQLite file per (server, user, account), owner-only
 * permissions, WAL, migrated to the latest schema. An unreadable or corrupt file is moved aside
 * and rebuilt (the cache only holds copies of server data), and the caller is told so it can
 * tell the user; opening never throws for a bad file. */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export interface CacheProfile {
  /** Server base URL, e.g. https://evovoice.io */
  server: string;
  /** Signed-in user (email). */
  user: string;
  /** Active account id. */
  accountId: string;
}

export interface OpenCacheOptions {
  /** The app-data folder (src/main/app-paths.ts); the cache lives in `<appDataDir>/cache/`. */
  appDataDir: string;
  profile: CacheProfile;
  /** better-sqlite3 `nativeBinding` (native-binding.ts); undefined = the package's Node build. */
  nativeBinding?: string | undefined;
  now?: () => number;
  /** For tests of individual migrations; defaults to all of them. */
  migrations?: readonly Migration[];
  /** When to run the full `PRAGMA quick_check` (O(file size), ~0.3 s for 50,000 customers):
   * 'after-unclean-shutdown' (default) = only when a WAL file was left behind (crash, kill, or
   * another process has the file open); a cleanly closed file gets the cheap checks only
   * (header, schema, version), which still catch files that are not databases. */
  integrityCheck?: 'always' | 'after-unclean-shutdown';
}

export interface CacheRecovery {
  /** Where the unreadable file was moved. */
  movedTo: string;
  /** What was wrong with it (for logs; the user needs only "the cache was rebuilt"). */
  reason: string;
}

export interface OpenedCacheDatabase {
  db: Database.Database;
  file: string;
  /** Set when the previous file was unreadable and has been replaced by an empty cache. */
  recovered?: CacheRecovery;
}

export const CACHE_DIR_NAME = 'cache';
export const PAGE_SIZE = 8192;

/** A filename-safe, stable key per profile: a readable prefix (host, user, account) for people
 * looking at the folder, plus a hash of the exact triple so distinct profiles never collide. */
export function profileCacheKey(profile: CacheProfile): string {
  const hash = createHash('sha256').update(JSON.stringify([profile.server, profile.user, profile.accountId])).digest('hex').slice(0, 16);
  let host = profile.server;
  try {
    host = new URL(profile.server).host;
  } catch {
    // not a URL: keep the text, it is only a label
  }
  const readable = `${host}-${profile.user}-${profile.accountId}`
    .toLowerCase()
    .replace(/[^a-z0-9.@-]+/g, '_')
    .slice(0, 60);
  return `${readable}-${hash}`;
}

export function cacheFilePath(appDataDir: string, profile: CacheProfile): string {
  return path.join(appDataDir, CACHE_DIR_NAME, `${profileCacheKey(profile)}.sqlite`);
}

/** Removes a profile's offline copy (the database and its WAL files); close it first. */
export function deleteCacheFiles(appDataDir: string, profile: CacheProfile): void {
  const file = cacheFilePath(appDataDir, profile);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

class CacheUnreadable extends Error {}

export function openCacheDatabase(options: OpenCacheOptions): OpenedCacheDatabase {
  const now = options.now ?? Date.now;
  const migrations = options.migrations ?? MIGRATIONS;
  const dir = path.join(options.appDataDir, CACHE_DIR_NAME);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = cacheFilePath(options.appDataDir, options.profile);

  try {
    const fullCheck = options.integrityCheck === 'always' || fs.existsSync(`${file}-wal`);
    return { db: openAndMigrate(file, options.nativeBinding, migrations, fullCheck), file };
  } catch (error) {
    if (!(error instanceof CacheUnreadable)) throw error;
    const movedTo = moveAside(file, now());
    // A fresh file failing too is a bug in our migrations, not a bad file: let it surface.
    const db = openAndMigrate(file, options.nativeBinding, migrations, false);
    return { db, file, recovered: { movedTo, reason: error.message } };
  }
}

function openAndMigrate(file: string, nativeBinding: string | undefined, migrations: readonly Migration[], fullCheck: boolean): Database.Database {
  ensureOwnerOnlyFile(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, nativeBinding ? { nativeBinding } : {});
    const isNew = (db.pragma('page_count', { simple: true }) as number) === 0;
    if (isNew) db.pragma(`page_size = ${PAGE_SIZE}`); // only effective before the first table
    // Reading the schema fails on anything that is not an SQLite database (SQLITE_NOTADB).
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    if (fullCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new CacheUnreadable(`quick_check: ${String(check)}`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // a cache: losing the last commit on power loss is fine
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof CacheUnreadable) throw error;
    if (isSqliteFileError(error)) throw new CacheUnreadable(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Applies the pending migrations in order, each in its own transaction with its version bump. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Cache migrations must be numbered 1..n in order; found ${m.version} at position ${i + 1}.`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new CacheUnreadable(`cache schema version ${current} is newer than this app knows (${migrations.length})`);
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** Create the file with mode 0600 before SQLite does (SQLite would use 0644 minus umask);
 * SQLite gives its -wal and -shm files the main file's mode. */
function ensureOwnerOnlyFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}

/** Errors meaning "this file is not a usable database", as opposed to programming errors. */
function isSqliteFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT|CANTOPEN|IOERR|FORMAT|READONLY)/.test(code);
}

function moveAside(file: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let movedTo = `${file}.corrupt-${stamp}`;
  for (let n = 1; fs.existsSync(movedTo); n++) movedTo = `${file}.corrupt-${stamp}-${n}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}

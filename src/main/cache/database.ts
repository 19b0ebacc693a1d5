/* The per-profile cache database: one SQLite file per (server, user, account) in
 * `<appData>/cache/`, opened through the app's SQLite module (src/main/sqlite: owner-only, WAL,
 * numbered migrations). The cache only holds copies of server data, so a damaged file is moved
 * aside and rebuilt, and the caller is told so it can tell the user; any other failure to open
 * it (permissions, a full disk, another process holding it) is reported as such. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Migration } from '../sqlite/migrations';
import { openDatabase, type DatabaseRecovery, type OpenedDatabase } from '../sqlite/open-database';
import { MIGRATIONS } from './migrations';

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
  /** better-sqlite3 `nativeBinding` (src/main/sqlite/native-binding.ts); undefined = the package's Node build. */
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

export type CacheRecovery = DatabaseRecovery;

export interface OpenedCacheDatabase extends OpenedDatabase {
  file: string;
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

export function openCacheDatabase(options: OpenCacheOptions): OpenedCacheDatabase {
  const file = cacheFilePath(options.appDataDir, options.profile);
  const opened = openDatabase({
    file,
    label: 'The offline copy',
    migrations: options.migrations ?? MIGRATIONS,
    whenDamaged: 'rebuild',
    nativeBinding: options.nativeBinding,
    quickCheck: options.integrityCheck === 'always' || fs.existsSync(`${file}-wal`),
    pageSize: PAGE_SIZE,
    now: options.now,
  });
  return { ...opened, file };
}

/* Opens one of the app's SQLite files the one way the app does it: owner-only (0600; SQLite gives
 * -wal and -shm the same mode), WAL, foreign keys on, a busy timeout (the desktop app and the CLI
 * share the files), migrated with numbered migrations (./migrations.ts).
 *
 * What happens to a damaged file is the caller's choice: the offline cache holds only copies of
 * server data, so it is moved aside and rebuilt empty ('rebuild'); the bulk journal is the only
 * record of what a run did, so it is never touched and opening fails ('refuse'). Only real damage
 * counts: SQLITE_CORRUPT, SQLITE_NOTADB, a failed quick_check, or a schema newer than this app.
 * Errors such as SQLITE_CANTOPEN, IOERR, READONLY or BUSY say nothing about the file's content
 * (permissions, a full disk, another process holding it), so they are reported as they are and
 * the file stays where it is. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { createOwnerOnlyFile } from '../files/owner-only';
import { migrate, NewerSchemaError, type Migration } from './migrations';

export interface OpenDatabaseOptions {
  file: string;
  /** What the file is, as the user should read it: "The offline copy", "The bulk-staging journal". */
  label: string;
  migrations: readonly Migration[];
  whenDamaged: 'rebuild' | 'refuse';
  /** better-sqlite3 `nativeBinding` (./native-binding.ts); undefined = the package's Node build. */
  nativeBinding?: string | undefined;
  /** Run `PRAGMA quick_check` (O(file size)) before using the file. */
  quickCheck?: boolean;
  /** Page size of a new file (only effective before its first table). */
  pageSize?: number;
  /** Clock for naming a moved-aside file. */
  now?: () => number;
}

export interface DatabaseRecovery {
  /** Where the damaged file was moved. */
  movedTo: string;
  /** What was wrong with it (for logs; the user needs only "it was rebuilt"). */
  reason: string;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Set when the file was damaged and has been replaced by an empty one ('rebuild'). */
  recovered?: DatabaseRecovery;
}

/** How long a connection waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;

class DamagedFile extends Error {
  constructor(
    reason: string,
    readonly newer?: NewerSchemaError,
  ) {
    super(reason);
  }
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  try {
    return { db: openAndMigrate(options, options.quickCheck ?? false) };
  } catch (error) {
    if (!(error instanceof DamagedFile)) throw error;
    if (options.whenDamaged === 'refuse') throw refusal(options, error);
    const movedTo = moveAside(options.file, (options.now ?? Date.now)());
    // A fresh file failing too is a bug in the migrations, not a bad file: let it surface.
    const db = openAndMigrate(options, false);
    return { db, recovered: { movedTo, reason: error.message } };
  }
}

function openAndMigrate(options: OpenDatabaseOptions, quickCheck: boolean): Database.Database {
  let db: Database.Database | undefined;
  try {
    createOwnerOnlyFile(options.file);
    db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (options.pageSize && db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${options.pageSize}`);
    // Reading the schema fails on anything that is not an SQLite database (SQLITE_NOTADB).
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    if (quickCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new DamagedFile(`quick_check: ${String(check)}`);
    }
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: every commit is in the OS before the call returns, so a crash or kill
    // of the process loses nothing; only a power loss can lose the last commits. fsync per
    // commit (FULL) costs ~4 ms here and would serialise a bulk run on the disk; the journal
    // forces run creation to disk itself (BulkJournal.createRun).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations);
    return db;
  } catch (error) {
    db?.close();
    throw classify(error, options);
  }
}

/** Damage → DamagedFile; a file that could not be opened or read → AppError naming the file and
 * the cause; anything else (a bug) as it is. */
function classify(error: unknown, options: OpenDatabaseOptions): unknown {
  if (error instanceof DamagedFile) return error;
  if (error instanceof NewerSchemaError) return new DamagedFile(error.message, error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return new DamagedFile(`${code}: ${(error as Error).message}`);
  const isSqlite = error instanceof Database.SqliteError;
  if (!isSqlite && !('syscall' in (error as object))) return error;
  const hint = /^SQLITE_(BUSY|LOCKED)/.test(code)
    ? 'Another evo-console or the desktop app is holding it; try again in a moment.'
    : 'Check that the folder is writable and the disk is not full.';
  return new AppError(
    { kind: 'Unexpected', message: `${options.label} (${options.file}) could not be opened: ${(error as Error).message} (${code}). It was left as it is. ${hint}` },
    { cause: error },
  );
}

function refusal(options: OpenDatabaseOptions, damage: DamagedFile): AppError {
  const what = damage.newer
    ? `was written by a newer version of the app (schema ${damage.newer.found}, this app knows ${damage.newer.known}). Update the app`
    : `is damaged (${damage.message}). Keep it for investigation, or move it away to start a new one`;
  return new AppError({ kind: 'Unexpected', message: `${options.label} (${options.file}) ${what}; the file was left untouched.` }, { cause: damage });
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

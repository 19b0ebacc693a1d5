/* Opens `journal.sqlite` in the app-data folder: owner-only (0600), WAL, migrated.
 * Unlike the customer cache, the journal is the only record of what a run did, so a bad
 * file is never moved aside or rebuilt: opening fails loudly instead. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { JOURNAL_MIGRATIONS, type JournalMigration } from './migrations';

export const JOURNAL_FILE_NAME = 'journal.sqlite';

export interface OpenJournalOptions {
  /** The app-data folder (src/main/app-paths.ts); the journal is `<dir>/journal.sqlite`. */
  appDataDir: string;
  /** better-sqlite3 `nativeBinding` (src/main/cache/native-binding.ts); undefined = Node build. */
  nativeBinding?: string | undefined;
  /** For tests of individual migrations; defaults to all of them. */
  migrations?: readonly JournalMigration[];
}

export function journalFilePath(appDataDir: string): string {
  return path.join(appDataDir, JOURNAL_FILE_NAME);
}

export function openJournalDatabase(options: OpenJournalOptions): Database.Database {
  fs.mkdirSync(options.appDataDir, { recursive: true, mode: 0o700 });
  const file = journalFilePath(options.appDataDir);
  // Create it 0600 before SQLite does; SQLite gives -wal/-shm the main file's mode.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: every commit is in the OS before the next request is sent, so a
    // process crash or kill loses nothing; fsync per commit (FULL) costs ~4 ms here and
    // would serialise a run on the disk. Run creation is forced to disk separately
    // (BulkJournal.createRun) so a power loss can never hide a run that sent requests.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Another process (app + CLI) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrateJournal(db, options.migrations ?? JOURNAL_MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies pending migrations in order, each in its own transaction with its version bump. */
export function migrateJournal(db: Database.Database, migrations: readonly JournalMigration[] = JOURNAL_MIGRATIONS): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Journal migrations must be numbered 1..n in order; found ${m.version} at position ${i + 1}.`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new AppError({
      kind: 'Unexpected',
      message: `The bulk-staging journal was written by a newer version of the app (schema ${current}, this app knows ${migrations.length}). Update the app; the journal was left untouched.`,
    });
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

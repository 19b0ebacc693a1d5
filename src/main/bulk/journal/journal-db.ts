/* Opens `journal.sqlite` in the app-data folder through the app's SQLite module (src/main/sqlite:
 * owner-only, WAL, numbered migrations). Unlike the customer cache, the journal is the only
 * record of what a run did, so a damaged file or one written by a newer app is never moved aside
 * or rebuilt: opening fails loudly instead. */
import type Database from 'better-sqlite3';
import path from 'node:path';
import type { Migration } from '../../sqlite/migrations';
import { openDatabase } from '../../sqlite/open-database';
import { JOURNAL_MIGRATIONS } from './migrations';

export const JOURNAL_FILE_NAME = 'journal.sqlite';

export interface OpenJournalOptions {
  /** The app-data folder (src/main/app-paths.ts); the journal is `<dir>/journal.sqlite`. */
  appDataDir: string;
  /** better-sqlite3 `nativeBinding` (src/main/sqlite/native-binding.ts); undefined = Node build. */
  nativeBinding?: string | undefined;
  /** For tests of individual migrations; defaults to all of them. */
  migrations?: readonly Migration[];
}

export function journalFilePath(appDataDir: string): string {
  return path.join(appDataDir, JOURNAL_FILE_NAME);
}

export function openJournalDatabase(options: OpenJournalOptions): Database.Database {
  return openDatabase({
    file: journalFilePath(options.appDataDir),
    label: 'The bulk-staging journal',
    migrations: options.migrations ?? JOURNAL_MIGRATIONS,
    whenDamaged: 'refuse',
    nativeBinding: options.nativeBinding,
  }).db;
}

import type Database from 'better-sqlite3';

/** One journal schema step. `up` runs in a transaction together with the `user_version`
 * bump, so a failed step leaves the file at the previous version. Never edit a shipped step. */
export interface JournalMigration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

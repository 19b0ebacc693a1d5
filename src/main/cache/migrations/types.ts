import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction together with the `user_version` bump,
 * so a failed step leaves the file at the previous version. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

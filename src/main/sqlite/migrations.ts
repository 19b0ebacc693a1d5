/* Numbered schema migrations (as Signal Desktop does): each database keeps its schema version
 * in `PRAGMA user_version`; migration N takes a file from version N-1 to N. Add a numbered file
 * (NNN-name.ts, with a test) to the database's list; never edit one that has shipped. */
import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction together with the `user_version` bump,
 * so a failed step leaves the file at the previous version. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** The file's schema is newer than every migration this app knows (written by a newer app). */
export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`schema version ${found} is newer than this app knows (${known})`);
  }
}

/** Applies the pending migrations in order, each in its own transaction with its version bump. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n in order; found ${m.version} at position ${i + 1}.`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerSchemaError(current, migrations.length);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

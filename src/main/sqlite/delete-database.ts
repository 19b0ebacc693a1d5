/* Deleting an app SQLite file safely. The desktop app and the CLI share the files, and deleting
 * a database (or its -wal/-shm) under a connection that still has it open loses that
 * connection's writes and can leave a -wal that belongs to no file. So a file is deleted only
 * when nobody else has it open, which SQLite itself can tell: it leaves WAL mode (and removes
 * -wal and -shm) only for a connection that is alone on the file. */
import Database from 'better-sqlite3';
import fs from 'node:fs';

export type DeleteOutcome = 'deleted' | 'absent' | 'inUse';

export function deleteDatabaseIfUnused(file: string, nativeBinding?: string): DeleteOutcome {
  if (!fs.existsSync(file)) return 'absent';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, nativeBinding ? { nativeBinding } : {});
    db.pragma('busy_timeout = 0'); // "someone else has it" is the answer, not something to wait out
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return 'inUse';
    // A file that is not a database cannot be in use as one: delete it like any other.
    if (typeof code !== 'string' || !/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw error;
  } finally {
    db?.close();
  }
  // Another process may still open the file between close and unlink; it then works on a file
  // that is gone, i.e. on data that was being deleted anyway.
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return 'deleted';
}

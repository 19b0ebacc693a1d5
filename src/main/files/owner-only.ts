/* Files that hold customer data or the user's email (caches, journal, settings, audit exports)
 * are readable by this OS user only: mode 0600, whatever the umask, and also when the file
 * existed before with a wider mode. */
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** Creates the file (empty) if missing and makes it owner-only. SQLite gives its -wal and -shm
 * files the main file's mode, so calling this before SQLite opens a file covers all three. */
export function createOwnerOnlyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
  closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  chmodSync(file, OWNER_ONLY_FILE);
}

/** Replaces the file's content all at once: a temp file beside it (owner-only, flushed to
 * disk), then a rename, so a reader or a crash never sees half a file and a file that already
 * existed with a wider mode ends up owner-only too. */
export function writeOwnerOnlyFileAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', OWNER_ONLY_FILE);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, OWNER_ONLY_FILE); // the umask may have narrowed or a platform widened it
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

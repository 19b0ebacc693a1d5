/* The app's one way to open an SQLite file, on real files: owner-only, migrated, and only real
 * damage sets a file aside (cache) or stops the app from using it (journal). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDatabaseIfUnused } from '../../../src/main/sqlite/delete-database';
import { migrate, type Migration } from '../../../src/main/sqlite/migrations';
import { openDatabase, type OpenDatabaseOptions } from '../../../src/main/sqlite/open-database';
import { AppError } from '../../../src/shared/errors';
import { holdSqliteFile } from '../../support/sqlite-holder';

const NOTES: Migration = { version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE notes (text TEXT NOT NULL)') };

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evo-sqlite-'));
  file = path.join(dir, 'data', 'test.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = (extra: Partial<OpenDatabaseOptions> = {}) =>
  openDatabase({ file, label: 'The test file', migrations: [NOTES], whenDamaged: 'rebuild', now: () => Date.UTC(2026, 0, 2, 3, 4, 5), ...extra });

const filesIn = (folder: string) => fs.readdirSync(folder).sort();

function writeNote(text: string): void {
  const { db } = open();
  db.prepare('INSERT INTO notes VALUES (?)').run(text);
  db.close();
}

describe('openDatabase', () => {
  it('makes the file and its WAL files owner-only, even a file that existed with a wider mode', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    const { db } = open();
    try {
      db.prepare('INSERT INTO notes VALUES (?)').run('x');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it('applies each migration in its own transaction: a failing step leaves the previous version', () => {
    const failing: Migration = {
      version: 2,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    const { db } = open();
    try {
      expect(() => migrate(db, [NOTES, failing])).toThrow('boom');
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('rebuild: moves a file that is not a database aside and starts an empty one', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a database '.repeat(500));
    const { db, recovered } = open();
    db.close();
    expect(recovered).toMatchObject({ movedTo: `${file}.corrupt-2026-01-02T03-04-05-000Z`, reason: expect.stringMatching(/SQLITE_NOTADB/) });
    expect(fs.readFileSync(recovered!.movedTo, 'utf8')).toMatch(/^not a database/);
  });

  it('refuse: names the damaged file and leaves it exactly as it was', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a database '.repeat(500));
    const error = (() => {
      try {
        open({ whenDamaged: 'refuse', label: 'The bulk-staging journal' }).db.close();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(new RegExp(`^The bulk-staging journal \\(${file}\\) is damaged .*SQLITE_NOTADB.*left untouched`));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^not a database/);
    expect(filesIn(path.dirname(file))).toEqual(['test.sqlite']);
  });

  it('a schema from a newer app: refused with "update the app", or set aside when the file may be rebuilt', () => {
    writeNote('kept');
    const raw = new Database(file);
    raw.pragma('user_version = 7');
    raw.close();
    expect(() => open({ whenDamaged: 'refuse' })).toThrow(/newer version of the app \(schema 7, this app knows 1\)\. Update the app/);
    const { db, recovered } = open();
    db.close();
    expect(recovered?.reason).toMatch(/schema version 7 is newer/);
  });

  it('an error that says nothing about the content (SQLITE_CANTOPEN) is reported, and the file is not set aside', () => {
    writeNote('still here');
    // The WAL file cannot be opened: its path is taken by a folder (a real SQLITE_CANTOPEN).
    fs.mkdirSync(`${file}-wal`);
    expect(() => open().db.close()).toThrow(/^The test file \(.*\) could not be opened: .*\(SQLITE_CANTOPEN\)\. It was left as it is\./);
    expect(filesIn(path.dirname(file)).filter((f) => f.includes('corrupt'))).toEqual([]);

    fs.rmdirSync(`${file}-wal`);
    const { db, recovered } = open();
    expect(recovered).toBeUndefined();
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['still here']);
    db.close();
  });
});

describe('deleteDatabaseIfUnused', () => {
  it('deletes the file with its -wal and -shm when nobody has it open', () => {
    writeNote('x');
    expect(deleteDatabaseIfUnused(file)).toBe('deleted');
    expect(filesIn(path.dirname(file))).toEqual([]);
    expect(deleteDatabaseIfUnused(file)).toBe('absent');
  });

  it('leaves a file another process has open untouched, and deletes it once that process let go', async () => {
    writeNote('x');
    const holder = await holdSqliteFile(file);
    try {
      expect(deleteDatabaseIfUnused(file)).toBe('inUse');
      expect(await holder.select('count(*) FROM notes')).toBe(1);
      expect(filesIn(path.dirname(file))).toEqual(['test.sqlite', 'test.sqlite-shm', 'test.sqlite-wal']);
    } finally {
      await holder.close();
    }
    expect(deleteDatabaseIfUnused(file)).toBe('deleted');
    expect(filesIn(path.dirname(file))).toEqual([]);
  });

  it('deletes a file that is not a database (nobody can be using it as one)', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a database '.repeat(500));
    expect(deleteDatabaseIfUnused(file)).toBe('deleted');
    expect(fs.existsSync(file)).toBe(false);
  });
});

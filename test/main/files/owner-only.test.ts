import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOwnerOnlyFile, writeOwnerOnlyFileAtomically } from '../../../src/main/files/owner-only';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evo-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('owner-only files', () => {
  it('createOwnerOnlyFile: creates the folder and an empty file, and narrows a wider existing mode', () => {
    const file = path.join(dir, 'a', 'b.sqlite');
    createOwnerOnlyFile(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, 'kept');
    fs.chmodSync(file, 0o644);
    createOwnerOnlyFile(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('kept');
  });

  it('writeOwnerOnlyFileAtomically: replaces a world-readable file whole, owner-only, with no temp file left', () => {
    const file = path.join(dir, 'exports', 'run.csv');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'older', { mode: 0o644 });
    writeOwnerOnlyFileAtomically(file, 'newer');
    expect(fs.readFileSync(file, 'utf8')).toBe('newer');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['run.csv']);
  });

  it('writeOwnerOnlyFileAtomically: a write that cannot finish leaves no temp file and nothing changed', () => {
    // The rename cannot replace a non-empty folder: the write fails after the temp file was written.
    const blocked = path.join(dir, 'export.csv');
    fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    expect(() => writeOwnerOnlyFileAtomically(blocked, 'newer')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['export.csv']);
    expect(fs.readdirSync(blocked)).toEqual(['inside']);
  });
});

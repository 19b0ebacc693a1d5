import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { SettingsStore, type SettingsRecovery } from '../../../src/main/settings/settings-store';

const here = path.dirname(fileURLToPath(import.meta.url));
const execFileAsync = promisify(execFile);
const PER_WRITER = 60;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evo-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const newStore = (logged: Array<{ message: string; fields?: Record<string, unknown> }> = [], recoveries: SettingsRecovery[] = []) =>
  new SettingsStore({ dir: path.join(dir, 'app'), logger: { warn: (message, fields) => logged.push({ message, fields }) }, onRecovery: (r) => recoveries.push(r) });

describe('SettingsStore', () => {
  it('starts from defaults without a file: production and sandbox profiles', () => {
    const recoveries: SettingsRecovery[] = [];
    const store = newStore([], recoveries);
    expect(store.profiles()).toEqual([
      { id: 'production', label: 'Evo Voice production', url: 'https://evovoice.io', kind: 'production' },
      { id: 'sandbox', label: 'Local sandbox', url: '', kind: 'sandbox' },
    ]);
    expect(store.lastProfileId()).toBeUndefined();
    expect(recoveries).toEqual([]);
  });

  it('keeps custom profiles with stable ids across restarts', () => {
    const added = newStore().addCustomProfile('Staging', 'https://staging.example.com/');
    expect(added).toMatchObject({ label: 'Staging', url: 'https://staging.example.com', kind: 'custom' });
    const again = newStore();
    expect(again.profile(added.id)).toEqual(added);
    again.setLastProfileId(added.id);
    again.setLastEmail(added.id, 'Admin@Sandbox.test');
    again.setLastAccountId(added.id, 'Admin@Sandbox.test', 'acc-2');
    const third = newStore();
    expect(third.lastProfileId()).toBe(added.id);
    expect(third.profileUse(added.id).lastEmail).toBe('Admin@Sandbox.test');
    expect(third.lastAccountId(added.id, 'admin@sandbox.test')).toBe('acc-2');
    third.removeCustomProfile(added.id);
    expect(newStore().profile(added.id)).toBeUndefined();
    expect(newStore().lastProfileId()).toBeUndefined();
  });

  it('marks a server added by hand for the production origin as production (the safeguards key on the origin)', () => {
    const added = newStore().addCustomProfile('My Evo', 'https://EvoVoice.io/');
    expect(added.kind).toBe('production');
    expect(newStore().profile(added.id)?.kind).toBe('production');
    expect(newStore().addCustomProfile('Evo staging deployment', 'https://staging.evovoice.io').kind).toBe('custom');
  });

  it('refuses insecure and malformed server URLs', () => {
    const store = newStore();
    expect(() => store.addCustomProfile('x', 'http://evo.example.com')).toThrow(expect.objectContaining({ kind: 'InsecureUrl' }) as AppError);
    expect(() => store.addCustomProfile('x', 'not a url')).toThrow(expect.objectContaining({ kind: 'InvalidInput' }) as AppError);
    expect(store.profiles()).toHaveLength(2);
    // The sandbox runs on loopback over http; its port changes every run.
    expect(store.setSandboxUrl('http://127.0.0.1:41234/')).toEqual({ id: 'sandbox', label: 'Local sandbox', url: 'http://127.0.0.1:41234', kind: 'sandbox' });
    expect(newStore().profile('sandbox')?.url).toBe('http://127.0.0.1:41234');
  });

  it('writes atomically: mode 0600, no temp files left, a stray temp file from a crash is ignored', () => {
    const store = newStore();
    store.setPreference('theme', 'dark');
    store.setWindowState({ x: 1, y: 2, maximised: false });
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    writeFileSync(`${store.file}.999.crashed.tmp`, '{"version":1,"preferences":{"theme":"half');
    store.setPreference('density', 'compact');
    expect(readdirSync(path.dirname(store.file)).filter((f) => f.endsWith('.tmp') && !f.includes('crashed'))).toEqual([]);
    const reread = newStore();
    expect(reread.preferences()).toEqual({ theme: 'dark', density: 'compact' });
    expect(reread.windowState()).toEqual({ x: 1, y: 2, maximised: false });
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('does not lose a change made by another process (app and CLI share the file)', () => {
    const app = newStore();
    const cli = newStore();
    app.setPreference('a', 1);
    cli.setLastProfileId('sandbox');
    app.setPreference('b', 2);
    expect(newStore().read()).toMatchObject({ lastProfileId: 'sandbox', preferences: { a: 1, b: 2 } });
  });

  it('keeps every change when several processes write at the same time (one key each)', async () => {
    const appDir = path.join(dir, 'app');
    const writers = ['app', 'cli', 'cli2'].map((prefix) =>
      execFileAsync(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'update-settings.ts'), appDir, prefix, String(PER_WRITER)]),
    );
    await Promise.all(writers);
    const keys = Object.keys(newStore().preferences());
    expect(keys).toHaveLength(3 * PER_WRITER);
    expect(readdirSync(appDir).filter((f) => f !== 'settings.json')).toEqual([]);
  });

  it.each([
    ['truncated JSON', '{"version":1,"customProfiles":['],
    ['wrong shape', JSON.stringify({ version: 1, customProfiles: 'nope' })],
    ['future version', JSON.stringify({ version: 2 })],
  ])('moves a corrupt file aside, uses defaults and reports it (%s)', (_name, content) => {
    const logged: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const first = newStore();
    first.setPreference('x', 1);
    writeFileSync(first.file, content);

    const recoveries: SettingsRecovery[] = [];
    const store = newStore(logged, recoveries);
    expect(store.preferences()).toEqual({});
    expect(recoveries).toHaveLength(1);
    const recovery = recoveries[0];
    expect(recovery?.movedTo).toMatch(/settings\.json\.corrupt-/);
    expect(readFileSync(recovery!.movedTo, 'utf8')).toBe(content);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toMatch(/moved it aside/);

    // Saving works again and the original stays aside for inspection.
    store.setPreference('y', 2);
    expect(newStore().preferences()).toEqual({ y: 2 });
  });
});

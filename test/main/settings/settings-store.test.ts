import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import { SettingsStore } from '../../../src/main/settings/settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evo-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const newStore = (logged: Array<{ message: string; fields?: Record<string, unknown> }> = []) =>
  new SettingsStore({ dir: path.join(dir, 'app'), logger: { warn: (message, fields) => logged.push({ message, fields }) } });

describe('SettingsStore', () => {
  it('starts from defaults without a file: production and sandbox profiles', () => {
    const store = newStore();
    expect(store.profiles()).toEqual([
      { id: 'production', label: 'Evo Voice production', url: 'https://evovoice.io', kind: 'production' },
      { id: 'sandbox', label: 'Local sandbox', url: '', kind: 'sandbox' },
    ]);
    expect(store.lastProfileId()).toBeUndefined();
    expect(store.lastRecovery()).toBeUndefined();
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

  it.each([
    ['truncated JSON', '{"version":1,"customProfiles":['],
    ['wrong shape', JSON.stringify({ version: 1, customProfiles: 'nope' })],
    ['future version', JSON.stringify({ version: 2 })],
  ])('moves a corrupt file aside, uses defaults and reports it (%s)', (_name, content) => {
    const logged: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const first = newStore();
    first.setPreference('x', 1);
    writeFileSync(first.file, content);

    const store = newStore(logged);
    expect(store.preferences()).toEqual({});
    const recovery = store.lastRecovery();
    expect(recovery?.movedTo).toMatch(/settings\.json\.corrupt-/);
    expect(readFileSync(recovery!.movedTo, 'utf8')).toBe(content);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toMatch(/moved it aside/);

    // Saving works again and the original stays aside for inspection.
    store.setPreference('y', 2);
    expect(newStore().preferences()).toEqual({ y: 2 });
  });
});

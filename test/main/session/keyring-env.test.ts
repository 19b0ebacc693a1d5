import { homedir } from 'node:os';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';

// The globalSetup must hand every worker a private keyring and HOME, never the real ones.
describe('test keyring environment', () => {
  it('runs against a private bus and a temp HOME', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:/);
    expect(homedir()).toContain('evo-test-keyring-');
    expect(process.env.XDG_CONFIG_HOME).toContain('evo-test-keyring-');
  });

  it('stores, reads and deletes a secret in the real keychain', async () => {
    await keytar.setPassword('evo-test', 'probe', 'value');
    expect(await keytar.getPassword('evo-test', 'probe')).toBe('value');
    expect(await keytar.deletePassword('evo-test', 'probe')).toBe(true);
    expect(await keytar.getPassword('evo-test', 'probe')).toBeNull();
  });
});

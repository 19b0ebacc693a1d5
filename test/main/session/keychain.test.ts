import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, Keychain, classifyKeychainError, keychainAccount } from '../../../src/main/session/keychain';
import { BROKEN_ENVS, childProcessKeytar } from '../../support/keyring-broken';
import { type PrivateKeyring, startPrivateKeyring } from '../../support/keyring';

const ORIGIN = 'http://127.0.0.1:4567';
const cookies = { 'ss-id': 'sid-value-1', 'ss-pid': 'pid-value-1', 'ss-opt': 'perm' };

describe('Keychain against the real OS keychain', () => {
  const keychain = new Keychain();
  afterEach(async () => {
    await keytar.deletePassword(KEYCHAIN_SERVICE, keychainAccount('Admin@Sandbox.test', ORIGIN));
  });

  it('keys entries by lower-cased email and the server origin', () => {
    expect(keychainAccount('Admin@Sandbox.test', 'http://127.0.0.1:4567/some/path/')).toBe('admin@sandbox.test@http://127.0.0.1:4567');
    expect(keychainAccount('a@b.c', 'https://evovoice.io')).toBe('a@b.c@https://evovoice.io');
  });

  it('stores, loads and removes a session under the fixed service name', async () => {
    expect(await keychain.probe()).toEqual({ available: true });
    expect(await keychain.save('Admin@Sandbox.test', ORIGIN, { cookies, bearerToken: 'b1' })).toBe(true);

    // What is really in the OS keychain: the JSON blob under `email@origin`, no password field.
    const raw = await keytar.getPassword(KEYCHAIN_SERVICE, 'admin@sandbox.test@http://127.0.0.1:4567');
    expect(raw).not.toBeNull();
    const blob = JSON.parse(raw!) as Record<string, unknown>;
    expect(blob.cookies).toEqual(cookies);
    expect(Object.keys(blob).sort()).toEqual(['bearerToken', 'cookies', 'savedAt']);

    const loaded = await keychain.load('admin@sandbox.test', ORIGIN);
    expect(loaded?.cookies).toEqual(cookies);
    expect(loaded?.bearerToken).toBe('b1');

    expect(await keychain.remove('admin@sandbox.test', ORIGIN)).toBe(true);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'admin@sandbox.test@http://127.0.0.1:4567')).toBeNull();
    expect(await keychain.load('admin@sandbox.test', ORIGIN)).toBeUndefined();
    expect(keychain.status()).toEqual({ available: true });
  });

  it('treats a damaged entry as absent', async () => {
    await keytar.setPassword(KEYCHAIN_SERVICE, keychainAccount('admin@sandbox.test', ORIGIN), 'not json');
    expect(await keychain.load('admin@sandbox.test', ORIGIN)).toBeUndefined();
    expect(keychain.status().available).toBe(true);
  });
});

describe('Keychain when no keychain works (real keytar errors from a broken environment)', () => {
  it('bus address pointing nowhere', async () => {
    const keychain = new Keychain({ keytar: childProcessKeytar(BROKEN_ENVS.busPointsNowhere) });
    expect(await keychain.save('a@b.c', ORIGIN, { cookies })).toBe(false);
    expect(keychain.status()).toEqual({
      available: false,
      message: 'No OS keychain is available (the D-Bus session cannot be reached), so you will need to sign in again after restarting.',
    });
    expect(await keychain.load('a@b.c', ORIGIN)).toBeUndefined();
  });

  it('no session bus and no display', async () => {
    const keychain = new Keychain({ keytar: childProcessKeytar(BROKEN_ENVS.noBusNoDisplay) });
    expect(await keychain.probe()).toEqual({
      available: false,
      message: 'No OS keychain is available (no D-Bus session), so you will need to sign in again after restarting.',
    });
  });

  describe('with a private bus', () => {
    let noDaemon: PrivateKeyring;
    let locked: PrivateKeyring;
    beforeAll(() => {
      noDaemon = startPrivateKeyring('none');
      locked = startPrivateKeyring('locked');
    });
    afterAll(() => {
      noDaemon?.stop();
      locked?.stop();
    });

    it('but no keyring daemon', async () => {
      const keychain = new Keychain({ keytar: childProcessKeytar(noDaemon.env) });
      expect(await keychain.probe()).toEqual({
        available: false,
        message: 'No OS keychain is available (no keyring service such as GNOME Keyring is running), so you will need to sign in again after restarting.',
      });
    });

    it('and a keyring that is locked with nothing to prompt on', async () => {
      const keychain = new Keychain({ keytar: childProcessKeytar(locked.env) });
      expect(await keychain.save('a@b.c', ORIGIN, { cookies })).toBe(false);
      expect(keychain.status()).toEqual({
        available: false,
        message: 'The OS keychain is locked or has no login keyring, so you will need to sign in again after restarting.',
      });
    });
  });

  it('native module missing', async () => {
    const keychain = new Keychain({ keytar: () => import('keytar-that-is-not-installed' as string) });
    expect(await keychain.probe()).toEqual({
      available: false,
      message: 'The OS keychain module could not be loaded, so you will need to sign in again after restarting.',
    });
  });

  it('classifies the four documented messages', () => {
    for (const text of [
      'Cannot autolaunch D-Bus without X11 $DISPLAY',
      'Could not connect: No such file or directory',
      'The name org.freedesktop.secrets was not provided by any .service files',
      'Object does not exist at path "/org/freedesktop/secrets/collection/login"',
    ]) {
      expect(classifyKeychainError(new Error(text))).toMatch(/^(No OS keychain is available \(|The OS keychain is locked).*sign in again after restarting\.$/);
    }
    expect(classifyKeychainError(new Error('Something new'))).toBe(
      'The OS keychain could not be used (Something new), so you will need to sign in again after restarting.',
    );
  });
});

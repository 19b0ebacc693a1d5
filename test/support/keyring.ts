/* A private, unlocked OS keychain for tests: its own D-Bus session bus and its own
 * gnome-keyring-daemon, living in a temp HOME. Tests must never read or write the
 * developer's real keyring, and CI must run exactly what a developer runs, so the
 * keyring is started here (from vitest's globalSetup) instead of by a wrapper script.
 *
 * Used by ./keyring-setup.ts; also usable directly by a test that needs a second,
 * independent keyring. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PrivateKeyring {
  /** Environment a process needs to use this keyring (HOME, XDG_*, DBUS_SESSION_BUS_ADDRESS). */
  env: Record<string, string>;
  /** Temp folder holding HOME and the XDG folders; removed by stop(). */
  root: string;
  stop(): void;
}

const SECRETS_NAME = 'org.freedesktop.secrets';
const pollClock = new Int32Array(new SharedArrayBuffer(4));

function dbusCall(address: string, method: string, arg: string): string {
  return execFileSync(
    'dbus-send',
    ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', `org.freedesktop.DBus.${method}`, `string:${arg}`],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5_000 },
  ).trim();
}

function killQuietly(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/**
 * - `unlocked` (default): the normal case, a keyring that stores and returns secrets.
 * - `locked`: a daemon with no unlocked login keyring and no display to prompt on
 *   (reads answer null, writes fail: `Object does not exist at path .../collection/login`).
 * - `none`: a bus with no keyring daemon and no way to start one
 *   (`The name org.freedesktop.secrets was not provided by any .service files`).
 */
export type KeyringMode = 'unlocked' | 'locked' | 'none';

// A session bus that cannot auto-start services: the stock session config would start
// gnome-keyring on demand (its .service file is installed) and hide the failure modes.
const NO_ACTIVATION_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

export function startPrivateKeyring(mode: KeyringMode = 'unlocked'): PrivateKeyring {
  const root = mkdtempSync(path.join(tmpdir(), 'evo-test-keyring-'));
  const home = path.join(root, 'home');
  const env: Record<string, string> = {
    HOME: home,
    XDG_RUNTIME_DIR: path.join(root, 'run'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  };
  mkdirSync(env.XDG_RUNTIME_DIR!, { recursive: true, mode: 0o700 });
  for (const dir of [env.XDG_CONFIG_HOME!, env.XDG_DATA_HOME!, env.XDG_CACHE_HOME!]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const childEnv = { ...process.env, ...env };
  // Never inherit an outer bus (e.g. the developer's desktop session or dbus-run-session).
  delete childEnv.DBUS_SESSION_BUS_ADDRESS;

  let busPid: number | undefined;
  let keyringPid: number | undefined;
  const stop = () => {
    killQuietly(keyringPid);
    killQuietly(busPid);
    keyringPid = busPid = undefined;
    rmSync(root, { recursive: true, force: true });
  };

  try {
    // --fork returns once the bus is ready; it prints its address then its pid.
    let busArgs = ['--session'];
    if (mode !== 'unlocked') {
      const config = path.join(root, 'bus.conf');
      writeFileSync(config, NO_ACTIVATION_CONFIG);
      busArgs = [`--config-file=${config}`];
    }
    const bus = execFileSync('dbus-daemon', [...busArgs, '--fork', '--print-address=1', '--print-pid=1'], {
      env: childEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'], // stderr: a harmless "Failed to set fd limit"
      timeout: 10_000,
    });
    const [address, pidText] = bus.trim().split('\n');
    busPid = Number(pidText);
    if (!address || !Number.isInteger(busPid)) throw new Error(`dbus-daemon printed an unexpected answer: ${bus}`);
    env.DBUS_SESSION_BUS_ADDRESS = address;
    childEnv.DBUS_SESSION_BUS_ADDRESS = address;

    if (mode === 'none') return { env, root, stop };

    // --unlock reads the login keyring password from stdin and creates that keyring in
    // the fresh HOME; the daemon forks and the parent returns once it is initialised.
    // Without --unlock (mode `locked`) there is no login keyring and nothing to prompt on.
    const keyring = spawnSync('gnome-keyring-daemon', mode === 'unlocked' ? ['--unlock', '--components=secrets'] : ['--daemonize', '--components=secrets'], {
      env: childEnv,
      input: mode === 'unlocked' ? 'evo-test' : '',
      encoding: 'utf8',
      timeout: 10_000,
    });
    if (keyring.status !== 0) throw new Error(`gnome-keyring-daemon failed (${keyring.status}): ${keyring.stderr}`);

    // Wait for the condition we need (the Secret Service name on our bus), not for a time.
    const deadline = Date.now() + 10_000;
    while (dbusCall(address, 'NameHasOwner', SECRETS_NAME) !== 'boolean true') {
      if (Date.now() > deadline) throw new Error(`${SECRETS_NAME} never appeared on the private bus`);
      Atomics.wait(pollClock, 0, 0, 50); // poll interval while waiting for the condition above
    }
    // The daemon forked away from us: ask the bus which process owns the name, so stop() can end it.
    keyringPid = Number(dbusCall(address, 'GetConnectionUnixProcessID', SECRETS_NAME).split(/\s+/).pop());
    if (!Number.isInteger(keyringPid)) keyringPid = undefined;
  } catch (e) {
    stop();
    throw e;
  }
  return { env, root, stop };
}

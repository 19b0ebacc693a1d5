/* vitest globalSetup (node and e2e projects): every test run gets a private, unlocked
 * OS keychain and a private HOME/XDG tree, never the developer's real ones.
 *
 * Why here and not in a wrapper script: `npm test` on a developer machine and `.ci/run`
 * must run exactly the same thing, and a developer's desktop session bus would otherwise
 * hand the tests their real login keyring. Setting process.env here works because vitest
 * builds each fork worker's environment from process.env after all globalSetups ran, so
 * the test workers (pool: forks) inherit DBUS_SESSION_BUS_ADDRESS, HOME and XDG_*.
 *
 * Idempotent: with several projects in one run, the first setup starts the keyring and the
 * others reuse it (marker: EVO_TEST_KEYRING_OWNER = this vitest process). An outer bus (for
 * example from `dbus-run-session`) is ignored, not reused. */
import { startPrivateKeyring } from './keyring';

const OWNER = 'EVO_TEST_KEYRING_OWNER';

export default function setup(): () => void {
  if (process.env[OWNER] === String(process.pid)) return () => {};

  const saved = new Map<string, string | undefined>();
  const keyring = startPrivateKeyring();
  const exported = { ...keyring.env, [OWNER]: String(process.pid) };
  for (const [name, value] of Object.entries(exported)) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  // If vitest exits without teardown (e.g. an uncaught error), do not leave daemons behind.
  const onExit = () => keyring.stop();
  process.once('exit', onExit);

  return () => {
    process.off('exit', onExit);
    keyring.stop();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

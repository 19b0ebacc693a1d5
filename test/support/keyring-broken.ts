/* Real keytar in a child process with a deliberately broken environment (no bus, a bus
 * that points nowhere, a bus without a keyring daemon). libsecret binds to the session
 * bus once per process, so the only honest way to get the real error inside a test run
 * that already has a working keyring is another process. Implements the Keychain's
 * KeytarLike, so the code under test sees exactly what keytar throws there. */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { KeytarLike } from '../../src/main/session/keychain';

const keytarPath = createRequire(import.meta.url).resolve('keytar');

const SCRIPT = `
const keytar = require(process.argv[1]);
const [op, ...args] = JSON.parse(process.argv[2]);
keytar[op](...args).then(
  (value) => process.stdout.write(JSON.stringify({ value: value === undefined ? null : value })),
  (e) => process.stdout.write(JSON.stringify({ error: String(e && e.message ? e.message : e) })),
);`;

export interface KeytarCall {
  op: keyof KeytarLike;
  args: string[];
}

export function childProcessKeytar(env: Record<string, string | undefined>): KeytarLike & { calls: KeytarCall[] } {
  const calls: KeytarCall[] = [];
  const run = (op: keyof KeytarLike, args: string[]) =>
    new Promise<unknown>((resolve, reject) => {
      calls.push({ op, args });
      const childEnv: NodeJS.ProcessEnv = { ...process.env };
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete childEnv[k];
        else childEnv[k] = v;
      }
      execFile(process.execPath, ['-e', SCRIPT, keytarPath, JSON.stringify([op, ...args])], { env: childEnv, timeout: 10_000 }, (err, stdout) => {
        if (err) return reject(err);
        const answer = JSON.parse(stdout) as { value?: unknown; error?: string };
        if (answer.error !== undefined) reject(new Error(answer.error));
        else resolve(answer.value);
      });
    });
  return {
    calls,
    getPassword: (s, a) => run('getPassword', [s, a]) as Promise<string | null>,
    setPassword: async (s, a, p) => {
      await run('setPassword', [s, a, p]);
    },
    deletePassword: (s, a) => run('deletePassword', [s, a]) as Promise<boolean>,
  };
}

/** Environments that reproduce the D-Bus failures keychain.ts names (bus pointing nowhere, no bus
 * and no display). `undefined` removes the variable. */
export const BROKEN_ENVS = {
  busPointsNowhere: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', DISPLAY: undefined },
  noBusNoDisplay: { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined },
} satisfies Record<string, Record<string, string | undefined>>;

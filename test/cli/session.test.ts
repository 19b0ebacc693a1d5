/* evo-console session commands as a real child process against the sandbox: login via
 * --password-stdin, whoami/accounts/use-account/logout, --json shapes, and the exit code
 * and one-line message of each way sign-in can fail. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ADMIN, cli, json, login, MANAGER, NOROLE, PASSWORD, tempHome } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe('help and usage', () => {
  it('prints every command and the exit-code table; a bad option is exit 2', async () => {
    const home = tempHome();
    const help = await cli(['--help'], { home });
    expect(help.code).toBe(0);
    for (const command of ['login', 'logout', 'whoami', 'accounts', 'use-account', 'customers', 'staging', 'runs', 'sync']) expect(help.stdout).toContain(command);
    expect(help.stdout).toMatch(/9 {2}confirmation refused or required/);
    expect(help.stdout).toContain('EVO_CONSOLE_HOME');

    const apply = await cli(['staging', 'apply', '--help'], { home });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('--yes');
    expect(apply.stdout).toContain('--subtree <id>');
    expect(apply.stdout).toContain('--concurrency <n>');
    // The exit-code and environment footer is on the top-level help only.
    expect(help.stdout).toContain('Exit codes:');
    for (const sub of [apply, await cli(['runs', 'show', '--help'], { home }), await cli(['customers', '--help'], { home })]) {
      expect(sub.stdout).not.toContain('Exit codes:');
      expect(sub.stdout).not.toContain('EVO_CONSOLE_HOME');
    }

    const bad = await cli(['--json', 'customers', 'ls', '--no-such-flag'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--no-such-flag'");
    expect(json(bad)).toEqual({ error: { kind: 'Usage', message: "unknown option '--no-such-flag'", exitCode: 2 } });
  });
});

describe('login', () => {
  it('signs in with --password-stdin, keeps the session in the keychain, and whoami/accounts use it', async () => {
    const home = tempHome();
    const result = await cli(['--server', sandbox.url, '--json', 'login', '--user', MANAGER, '--password-stdin'], { home, input: `${PASSWORD}\n` });
    expect(result.code, result.stderr).toBe(0);
    const doc = json<{ status: string; server: { url: string; kind: string }; user: { email: string }; account: { id: string } }>(result);
    expect(doc).toMatchObject({ status: 'signedIn', server: { url: sandbox.url }, user: { email: MANAGER }, account: { id: sandbox.fixtures.managerAccountId } });
    expect(result.stdout).not.toMatch(/password/i); // the state never carries it

    // A new process: the session comes back from the OS keychain, the server is the last one used.
    const who = await cli(['whoami'], { home });
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toContain(MANAGER);
    // Banner on stderr: server, account, user.
    expect(who.stderr).toContain(sandbox.url);
    expect(who.stderr).toContain(sandbox.fixtures.managerAccountId);
    expect(who.stderr).toContain(MANAGER);

    const accounts = await cli(['--json', '--quiet', 'accounts'], { home });
    expect(accounts.code).toBe(0);
    expect(accounts.stderr).toBe('');
    expect(json(accounts)).toEqual({
      activeAccountId: sandbox.fixtures.managerAccountId,
      accounts: [{ id: sandbox.fixtures.managerAccountId, name: expect.any(String), active: true }],
    });

    const out = await cli(['--json', 'logout'], { home });
    expect(out.code).toBe(0);
    expect(json(out)).toMatchObject({ signedOut: true, email: MANAGER });
    const after = await cli(['--json', 'whoami'], { home });
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/Not signed in.*evo-console login/);
    // --json failures are still one JSON document on stdout.
    expect(json(after)).toEqual({ error: { kind: 'AuthRequired', message: expect.stringMatching(/^Not signed in/), exitCode: 3 } });
  });

  it('logout keeps the offline copy unless --clear-cache', async () => {
    const home = tempHome();
    const cacheFiles = () => (fs.existsSync(path.join(home, 'cache')) ? fs.readdirSync(path.join(home, 'cache')).filter((f) => f.endsWith('.sqlite')) : []);
    await cli(['--server', sandbox.url, 'login', '--user', MANAGER, '--password-stdin'], { home, input: `${PASSWORD}\n` });
    expect((await cli(['customers', 'ls', '--parent', sandbox.fixtures.chainIds[0] as string], { home })).code).toBe(0);
    expect(cacheFiles()).toHaveLength(1);
    const kept = await cli(['--json', 'logout'], { home });
    expect(json(kept)).toMatchObject({ signedOut: true, offlineCopy: 'kept' });
    expect(cacheFiles()).toHaveLength(1);

    await cli(['login', '--user', MANAGER, '--password-stdin'], { home, input: `${PASSWORD}\n` });
    const cleared = await cli(['logout', '--clear-cache'], { home });
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain('The offline copy of its customers was deleted.');
    expect(cacheFiles()).toEqual([]);
  });

  it('use-account switches between the accounts of a user with several; an unknown account is exit 5', async () => {
    const home = tempHome();
    const other = sandbox.fixtures.otherAccountId;
    // The server from EVO_CONSOLE_SERVER instead of --server.
    const signedIn = await cli(['login', '--user', ADMIN, '--password-stdin', '--account', sandbox.fixtures.managerAccountId], { home, input: `${PASSWORD}\n`, env: { EVO_CONSOLE_SERVER: sandbox.url } });
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain(sandbox.fixtures.managerAccountId);
    const use = await cli(['--json', 'use-account', other], { home });
    expect(use.code, use.stderr).toBe(0);
    expect(json(use)).toMatchObject({ account: { id: other } });
    const who = await cli(['--json', 'whoami'], { home });
    expect(json(who)).toMatchObject({ account: { id: other }, user: { email: ADMIN } });

    const unknown = await cli(['use-account', 'no-such-account'], { home });
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/No account no-such-account.*evo-console accounts/);
  });

  it.each([
    ['wrong password', ['--user', MANAGER], 'not-the-password\n', 3, /email or password was not accepted/],
    ['user without a console role', ['--user', NOROLE], `${PASSWORD}\n`, 4, /none of the roles/],
    ['empty password', ['--user', MANAGER], '\n', 2, /password is empty/],
  ])('%s: one line, the documented exit code, nothing stored', async (_name, args, input, code, message) => {
    const home = tempHome();
    const result = await cli(['--server', sandbox.url, 'login', ...args, '--password-stdin'], { home, input });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect((await cli(['whoami'], { home })).code).toBe(3);
  });

  it('a failed sign-in leaves the server used before as the default; with none before, the one just tried', async () => {
    const home = tempHome();
    await login(home, sandbox.url);
    // The same sandbox under another address is another server profile.
    const other = sandbox.url.replace('127.0.0.1', 'localhost');
    const refused = await cli(['--server', other, 'login', '--user', NOROLE, '--password-stdin'], { home, input: `${PASSWORD}\n` });
    expect(refused.code).toBe(4);
    const who = await cli(['whoami'], { home });
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toContain(`on ${sandbox.url},`);

    const fresh = tempHome();
    const wrong = await cli(['--server', sandbox.url, 'login', '--user', MANAGER, '--password-stdin'], { home: fresh, input: 'wrong\n' });
    expect(wrong.code).toBe(3);
    const after = await cli(['whoami'], { home: fresh });
    expect(after.code).toBe(3);
    expect(after.stderr).toContain(`Not signed in to ${sandbox.url}.`);
    expect(after.stderr).not.toContain('evovoice.io');
    // No --server needed to try again.
    const again = await cli(['login', '--user', MANAGER, '--password-stdin'], { home: fresh, input: `${PASSWORD}\n` });
    expect(again.code, again.stderr).toBe(0);

    // A folder that never signed in names no server at all.
    const never = await cli(['whoami'], { home: tempHome() });
    expect(never.code).toBe(3);
    expect(never.stderr).toMatch(/^error: Not signed in\. Run: evo-console login --server URL --user EMAIL\n$/);
  }, 90_000);

  it('refuses http to a non-local host (exit 2) and names an unreachable server (exit 8)', async () => {
    const home = tempHome();
    const insecure = await cli(['--server', 'http://evovoice.example', 'login', '--user', MANAGER, '--password-stdin'], { home, input: `${PASSWORD}\n` });
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toMatch(/must be reached over https/);

    // A port nothing listens on (the sandbox's own port after it is down would also do).
    const unreachable = await cli(['--server', 'http://127.0.0.1:9', 'login', '--user', MANAGER, '--password-stdin'], { home, input: `${PASSWORD}\n` });
    expect(unreachable.code).toBe(8);
    expect(unreachable.stderr).toMatch(/127\.0\.0\.1:9/);
  });

  it('without a keychain it says so and does not pretend to stay signed in (exit 3)', async () => {
    const home = tempHome();
    const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/evo-test-bus' };
    const result = await cli(['--server', sandbox.url, 'login', '--user', MANAGER, '--password-stdin'], { home, input: `${PASSWORD}\n`, env });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/keychain/i);
    expect(result.stderr).toMatch(/log in again/);
  });

  it('an expired session is exit 3 with what to do', async () => {
    const home = tempHome();
    await login(home, sandbox.url);
    sandbox.admin.expireSessions(MANAGER);
    const result = await cli(['customers', 'ls'], { home });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/expired.*evo-console login/);
  });
});

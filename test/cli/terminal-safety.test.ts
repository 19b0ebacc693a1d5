/* Server text never drives the terminal. The sandbox answers with hostile customer, account,
 * user and tag names and a hostile error message (hand-written answers over the real routes);
 * every command's human output shows them as visible escapes, and --json keeps them exact. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type AnswerOverride, type Sandbox } from '../../sandbox/server';
import { shellWord, terminalSafe } from '../../src/cli/terminal-text';
import { cli, json, login, MANAGER, PASSWORD, tempHome, type CliResult } from './helpers';

/** Writes the clipboard (OSC 52), erases the line, reverses the rest of the line. */
const CLIPBOARD = '\u001b]52;c;SGFja2VkIQ==\u0007';
const ERASE = '\r\u001b[2K';
const REVERSE = '\u202e';
const names = {
  root: `${CLIPBOARD}Evil Root`,
  middle: `${ERASE}PRODUCTION is safe`,
  leaf: `Invoice ${REVERSE}fdp.exe`,
  account: `${CLIPBOARD}Evil Account`,
  user: `${ERASE}Mallory`,
  tag: `VIP${REVERSE}`,
  error: `${CLIPBOARD}${ERASE}database exploded`,
};
const shown = {
  root: '\\e]52;c;SGFja2VkIQ==\\aEvil Root',
  middle: '\\r\\e[2KPRODUCTION is safe',
  leaf: 'Invoice \\u{202e}fdp.exe',
  account: '\\e]52;c;SGFja2VkIQ==\\aEvil Account',
  user: '\\r\\e[2KMallory',
  tag: 'VIP\\u{202e}',
};

/** Anything a terminal would act on: C0 (line feed excepted), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let sandbox: Sandbox;
let home: string;
let chain: string[];

/** Signs in over HTTP and reads what the routes answer, to hand-write hostile versions of them. */
async function realAnswers(sb: Sandbox) {
  const signIn = await fetch(`${sb.url}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: MANAGER, password: PASSWORD, rememberMe: true }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const get = async (p: string) => (await fetch(`${sb.url}${p}`, { headers: { cookie } })).json() as Promise<Record<string, unknown>>;
  return { status: await get('/auth/status'), settings: await get(`/system/settings?accountId=${sb.fixtures.managerAccountId}`) };
}

function hostileOverrides(sb: Sandbox, real: Awaited<ReturnType<typeof realAnswers>>): AnswerOverride[] {
  const rename: Record<string, string> = { [chain[0] as string]: names.root, [chain[1] as string]: names.middle, [chain[2] as string]: names.leaf };
  const customers = chain.slice(0, 3).map((id) => {
    const raw = sb.admin.customer(id) as unknown as Record<string, unknown> & { id: string; breadcrumb?: { id: string; name?: string }[] };
    return {
      ...raw,
      name: rename[id],
      accountName: names.account,
      tags: [{ id: sb.fixtures.tagFilter.tagIds[0], name: names.tag, color: 'Red' }],
      breadcrumb: (raw.breadcrumb ?? []).map((b) => ({ ...b, name: rename[b.id] ?? b.name })),
    };
  });
  const settings = real.settings as { tags?: { id: string; name?: string }[] };
  const status = real.status as { accountIds: string[]; accountNames: string[] };
  const body = (value: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  return [
    { method: 'GET', path: '^/auth/status', ...body({ ...status, name: names.user, accountNames: status.accountNames.map(() => names.account) }) },
    {
      method: 'GET',
      path: '^/system/settings',
      ...body({ ...settings, tags: (settings.tags ?? []).map((t) => (t.id === sb.fixtures.tagFilter.tagIds[0] ? { ...t, name: names.tag } : t)) }),
    },
    ...customers.map((c): AnswerOverride => ({ method: 'GET', path: `^/customers/${c.id}(\\?|$)`, ...body(c) })),
    { method: 'GET', path: '^/customers\\?', ...body({ items: customers, totalCount: customers.length, totalPages: 1, hasMorePages: false }) },
    // Every other customer read fails with a hostile server message.
    {
      method: 'GET',
      path: '^/customers/[^/?]+(\\?|$)',
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ responseStatus: { errorCode: 'Exception', message: names.error, errors: [] } }),
    },
  ];
}

function expectSafe(result: CliResult, ...expected: string[]): void {
  const output = `${result.stdout}\n${result.stderr}`;
  expect(output, output).not.toMatch(CONTROL);
  for (const text of expected) expect(output).toContain(text);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  chain = sandbox.fixtures.chainIds;
  const real = await realAnswers(sandbox);
  sandbox.admin.setFaults({ answerOverrides: hostileOverrides(sandbox, real) });
  home = tempHome();
  await login(home, sandbox.url);
});
afterAll(async () => {
  await sandbox?.close();
});

describe('terminalSafe', () => {
  it('turns C0/C1 controls, DEL and bidi controls into visible escapes and leaves other text alone', () => {
    expect(terminalSafe(names.root)).toBe(shown.root);
    expect(terminalSafe(names.middle)).toBe(shown.middle);
    expect(terminalSafe('a\tb\nc\u007fd\u009be\u200ef\u2066g\u061ch')).toBe('a\\tb\\nc\\u{7f}d\\u{9b}e\\u{200e}f\\u{2066}g\\u{61c}h');
    expect(terminalSafe('Ünïcødé 🚀 شركة חברת <img>')).toBe('Ünïcødé 🚀 شركة חברת <img>');
  });
});

describe('hostile names from the server, in every command', { timeout: 120_000 }, () => {
  it('session: login, banner, whoami (online and --offline), accounts', async () => {
    const fresh = tempHome();
    expectSafe(await login(fresh, sandbox.url), shown.user, shown.account);
    expectSafe(await cli(['whoami'], { home: fresh }), shown.user, shown.account);
    expectSafe(await cli(['--offline', 'whoami'], { home: fresh }), shown.user, shown.account);
    expectSafe(await cli(['accounts'], { home: fresh }), shown.account);
    const doc = json<{ user: { name: string }; account: { name: string } }>(await cli(['--json', 'whoami'], { home: fresh }));
    expect(doc).toMatchObject({ user: { name: names.user }, account: { name: names.account } });
  });

  it('customers show, ls (search and children), tree; tags ls', async () => {
    const show = await cli(['customers', 'show', chain[2] as string], { home });
    expect(show.code, show.stderr).toBe(0);
    expectSafe(show, shown.leaf, shown.root, shown.middle, shown.account, shown.tag);
    expect(show.stdout).toContain(`Path       ${shown.root} › ${shown.middle} › ${shown.leaf}\n`);

    expectSafe(await cli(['customers', 'ls', '--search', 'Evil'], { home }), shown.root);
    expectSafe(await cli(['customers', 'ls', '--parent', chain[0] as string], { home }), shown.root, shown.tag);
    expectSafe(await cli(['customers', 'tree', chain[0] as string], { home }), shown.root);
    expectSafe(await cli(['tags', 'ls'], { home }), shown.tag);
    const doc = json<{ customer: { name: string } }>(await cli(['--json', 'customers', 'show', chain[2] as string], { home }));
    expect(doc.customer.name).toBe(names.leaf);
  });

  it('a server error message, in the error line and in --json', async () => {
    const failed = await cli(['customers', 'show', chain[3] as string], { home });
    expect(failed.code).toBe(1);
    expectSafe(failed, 'database exploded', '\\e]52;c;');
    const doc = json<{ error: { message: string } }>(await cli(['--json', 'customers', 'show', chain[3] as string], { home }));
    // The API layer already drops control characters from a server's message (it is our text quoting theirs).
    expect(doc.error.message).toContain('database exploded');
    // eslint-disable-next-line no-control-regex
    expect(doc.error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('staging plan and apply, runs ls/show, plans show', async () => {
    expectSafe(await cli(['staging', 'plan', '--to', 'staging', '--subtree', chain[0] as string, '--save'], { home }), shown.leaf, shown.root);
    sandbox.admin.setFaults({ brokenCustomerIds: [chain[1] as string] }); // its write fails: the result lists it
    const apply = await cli(['staging', 'apply', '--to', 'staging', '--subtree', chain[0] as string, '--yes'], { home });
    expect(apply.code, apply.stderr).toBe(6);
    expectSafe(apply, shown.middle);
    const runId = json<{ runs: { id: string }[] }>(await cli(['--json', 'runs', 'ls'], { home })).runs[0]?.id as string;
    expectSafe(await cli(['runs', 'ls'], { home }), shown.root);
    expectSafe(await cli(['runs', 'show', runId], { home }), shown.middle, shown.leaf, shown.account);
    const planId = json<{ plans: { id: string }[] }>(await cli(['--json', 'plans', 'ls'], { home })).plans.at(-1)?.id as string;
    expectSafe(await cli(['plans', 'show', planId], { home }), shown.leaf);
  });

  it('notices: a damaged offline cache under a hostile folder name', async () => {
    const hostileHome = fs.mkdtempSync(path.join(tempHome(), '\u001b]0;pwned\u0007'));
    await login(hostileHome, sandbox.url);
    expect((await cli(['customers', 'show', chain[0] as string], { home: hostileHome })).code).toBe(0);
    for (const file of fs.readdirSync(path.join(hostileHome, 'cache')).filter((f) => f.endsWith('.sqlite'))) fs.writeFileSync(path.join(hostileHome, 'cache', file), 'not a database');
    const offline = await cli(['--offline', 'customers', 'show', chain[0] as string], { home: hostileHome });
    expectSafe(offline, 'unreadable', '\\e]0;pwned\\a');
  });
});

describe('shellWord', () => {
  it('leaves a plain id as it is and single-quotes anything a shell would read otherwise', () => {
    expect(shellWord('9c43a8c3b7cf3c25632b9240')).toBe('9c43a8c3b7cf3c25632b9240');
    expect(shellWord("a b'c;rm -rf ~")).toBe(`'a b'\\''c;rm -rf ~'`);
    expect(shellWord('')).toBe("''");
  });
});

/* evo-console against a server that sends one unreadable customer among 301: the listing and the
 * plan go on with the other 300, and stderr names the one set aside (a warning, not a failure). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Customer } from '../../src/shared/evo/schemas';
import { exactPath, jsonAnswer, pagedCustomers } from '../main/api/helpers';
import { cli, json, login, tempHome } from './helpers';

const BAD = 'bad-cli-0301';
let sandbox: Sandbox;
let home: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
  home = tempHome();
  await login(home, sandbox.url);
  const { bigParentId, managerAccountId } = sandbox.fixtures;
  const items: unknown[] = sandbox.admin.customers().filter((c) => c.parentCustomerId === bigParentId);
  const bad = { id: BAD, name: 'Broken Record', isStaging: 'yes', parentCustomerId: bigParentId, accountId: managerAccountId };
  items.splice(42, 0, bad);
  sandbox.admin.setFaults({ answerOverrides: [...pagedCustomers(`parentCustomerIds=${bigParentId}`, items, 100), jsonAnswer(exactPath(`/customers/${BAD}`), bad, { method: 'GET' })] });
});
afterAll(async () => {
  await sandbox?.close();
});

const WARNING = `warning: While listing customers, one item could not be read and was set aside (the rest was read as usual): customer ${BAD} (isStaging: expected boolean (got string)).`;

describe('one unreadable customer', () => {
  it('customers ls --all lists the other 300 and warns on stderr, naming it', async () => {
    const result = await cli(['--json', 'customers', 'ls', '--parent', sandbox.fixtures.bigParentId, '--all'], { home });
    expect(result.code, result.stderr).toBe(0);
    const ids = json<{ items: Customer[] }>(result).items.map((c) => c.id);
    expect(ids).toHaveLength(300);
    expect(ids).not.toContain(BAD);
    expect(result.stderr).toContain(WARNING);
  });

  it('staging plan of the subtree counts it as unreadable, leaves it out, and warns', async () => {
    const result = await cli(['staging', 'plan', '--to', 'staging', '--subtree', sandbox.fixtures.bigParentId], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/, 1 could not be read \(left out\)/);
    expect(result.stdout).toContain('Could not be read (left out of the change):');
    expect(result.stdout).toContain(BAD);
    expect(result.stderr).toContain(WARNING);
  });
});

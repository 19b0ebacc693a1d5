/* Where REFERENCE.md leaves the server's behaviour open, the sandbox can answer the other way too:
 * each non-default choice over HTTP (the defaults are covered by customers/auth/wire tests). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, parseBehaviourFlag, resolveBehaviour } from '../../sandbox/behaviour';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { CustomerInfo, ListResponse, Schedule, UserInfo } from '../../sandbox/wire';
import { ADMIN, FetchClient, MANAGER, query, signedIn } from './helpers';

type List = ListResponse<CustomerInfo>;
const ids = (list: List) => list.items.map((c) => c.id);

describe('the other answer for every open choice', () => {
  let sandbox: Sandbox;
  let manager: FetchClient;
  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 12,
      behaviour: {
        rootParentCustomerId: 'empty-string',
        breadcrumbOrder: 'leaf-first',
        breadcrumbIncludesSelf: true,
        deepParentFilter: 'descendants-and-parents',
        otherAccountStatus: 404,
        defaultSort: 'storage',
        tagIdsMatch: 'any-of',
        simplifiedPagingTotals: 'absent',
        authStatusWhenSignedOut: 'no-content',
        inheritedScheduleWhenNone: 'own',
        stagingWithoutIsStaging: 'rejected',
        testScheduleWithoutDateTime: 'reject',
        permanentCookieAuthenticates: false,
      },
    });
    manager = await signedIn(sandbox, MANAGER);
  });
  afterAll(() => sandbox.close());

  it('roots carry parentCustomerId ""; breadcrumbs run leaf first and include the customer', async () => {
    const f = sandbox.fixtures;
    const root = (await manager.get<CustomerInfo>(`/customers/${f.chainIds[0]}`)).body;
    expect(root.parentCustomerId).toBe('');
    expect(root.breadcrumb.map((b) => b.id)).toEqual([f.chainIds[0]]);
    const leaf = (await manager.get<CustomerInfo>(`/customers/${f.chainIds[4]}`)).body;
    expect(leaf.breadcrumb.map((b) => b.id)).toEqual([...f.chainIds].reverse());
  });

  it('a deep parent filter matches the parents too; tagIds is any-of; no sortField keeps storage order', async () => {
    const f = sandbox.fixtures;
    const deep = (await manager.get<List>(`/customers${query({ parentCustomerIds: f.subtree200Id, all: true })}`)).body;
    expect(deep.totalCount).toBe(200);
    expect(ids(deep)).toContain(f.subtree200Id);
    const [one, two] = f.tagFilter.tagIds;
    const any = (await manager.get<List>(`/customers?tagIds=${one},${two}&all=true`)).body;
    const onlyOne = (await manager.get<List>(`/customers?tagIds=${one}&all=true`)).body;
    expect(any.totalCount).toBeGreaterThan(onlyOne.totalCount);
    const mine = sandbox.admin.customers().filter((c) => c.accountId === f.managerAccountId).map((c) => c.id);
    expect(ids((await manager.get<List>('/customers?countPerPage=30')).body)).toEqual(mine.slice(0, 30));
  });

  it('simplifiedPaging leaves the totals out; another account’s customer is a 404', async () => {
    const page = (await manager.get<Record<string, unknown>>('/customers?simplifiedPaging=true&countPerPage=3')).body;
    expect(Object.keys(page).sort()).toEqual(['hasMorePages', 'items']);
    expect((await manager.get(`/customers/${sandbox.fixtures.otherAccountCustomerId}`)).status).toBe(404);
  });

  it('/auth/status signed out is 204 with no body; ss-pid alone does not sign in', async () => {
    const anonymous = await fetch(`${sandbox.url}/auth/status`);
    expect(anonymous.status).toBe(204);
    expect(await anonymous.text()).toBe('');
    const pidOnly = await fetch(`${sandbox.url}/auth/status`, { headers: { cookie: `ss-pid=${manager.cookies.get('ss-pid')}` } });
    expect(pidOnly.status).toBe(204);
  });

  it('inherited-schedule with nothing to inherit is the customer’s own; staging without isStaging and TestSchedule without dateTime are 400s', async () => {
    const rootId = sandbox.fixtures.chainIds[0] as string;
    const inherited = await manager.get<Schedule>(`/customers/${rootId}/inherited-schedule`);
    expect(inherited.body).toEqual(sandbox.admin.customer(rootId)?.schedule);
    const staging = await manager.post<{ responseStatus: { errors: { fieldName: string }[] } }>(`/customers/${rootId}/staging`, {});
    expect(staging.status).toBe(400);
    expect(staging.body.responseStatus.errors[0]?.fieldName).toBe('IsStaging');
    expect(sandbox.admin.writes()).toEqual([]);
    const test = await manager.post<{ responseStatus: { errors: { fieldName: string }[] } }>(`/customers/${rootId}/test-schedule`, {});
    expect(test.status).toBe(400);
    expect(test.body.responseStatus.errors[0]?.fieldName).toBe('DateTime');
  });

  it('GET /__sandbox/behaviour shows the choices in force', async () => {
    const res = (await (await fetch(`${sandbox.url}/__sandbox/behaviour`)).json()) as Record<string, unknown>;
    expect(res).toEqual(sandbox.admin.behaviour());
    expect(res).toMatchObject({ authStatusWhenSignedOut: 'no-content', otherAccountStatus: 404, sessionTtlMs: DEFAULT_BEHAVIOUR.sessionTtlMs });
  });
});

describe('the third answers', () => {
  it('/auth/status signed out can be 200 isAuthenticated false; nothing to inherit can be an empty Schedule', async () => {
    const sandbox = await startSandbox({ seed: 12, behaviour: { authStatusWhenSignedOut: 'not-authenticated', inheritedScheduleWhenNone: 'empty' } });
    try {
      const status = await new FetchClient(sandbox.url).get<UserInfo>('/auth/status');
      expect(status.status).toBe(200);
      expect(status.body).toEqual({ isAuthenticated: false });
      const admin = await signedIn(sandbox, ADMIN);
      const inherited = await admin.get<Schedule>(`/customers/${sandbox.fixtures.chainIds[0]}/inherited-schedule`);
      expect(inherited.body).toEqual({ inherit: false, forceClosed: false, rules: [] });
    } finally {
      await sandbox.close();
    }
  });
});

describe('choosing', () => {
  it('refuses an unknown key or a value outside the choices, naming it', () => {
    expect(() => resolveBehaviour({ breadcrumbOrder: 'sideways' } as never)).toThrow(/breadcrumbOrder must be one of root-first, leaf-first/);
    expect(() => resolveBehaviour({ colour: 'blue' } as never)).toThrow(/unknown behaviour "colour"/);
    expect(() => resolveBehaviour({ sessionTtlMs: -1 })).toThrow(/sessionTtlMs/);
    expect(resolveBehaviour({})).toEqual(DEFAULT_BEHAVIOUR);
  });

  it('reads the CLI flag into typed values', () => {
    expect(parseBehaviourFlag('otherAccountStatus=404, breadcrumbIncludesSelf=true,authStatusWhenSignedOut=no-content')).toEqual({
      otherAccountStatus: 404,
      breadcrumbIncludesSelf: true,
      authStatusWhenSignedOut: 'no-content',
    });
    expect(() => parseBehaviourFlag('otherAccountStatus')).toThrow(/key=value/);
    expect(() => parseBehaviourFlag('otherAccountStatus=500')).toThrow(/403, 404/);
  });
});

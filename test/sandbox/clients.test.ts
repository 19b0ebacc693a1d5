/* Off-the-shelf clients must work against the sandbox unchanged: ServiceStack's own
 * JsonServiceClient (custom routes, its cookie handling in Node) and a plain fetch client. */
import { JsonServiceClient, type IReturn } from '@servicestack/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticateResponse, CustomerInfo, ListResponse, TestScheduleResponse, UserInfo } from '../../sandbox/wire';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { ADMIN, FetchClient, MANAGER, NOROLE, PASSWORD } from './helpers';

/** A request body in the shape @servicestack/client's postToUrl wants (IReturn). */
const body = <T = unknown>(fields: object): IReturn<T> => Object.assign({ createResponse: () => ({}) as T }, fields);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
});
afterAll(() => sandbox.close());

async function serviceStackClient(userName: string): Promise<JsonServiceClient> {
  const client = new JsonServiceClient(sandbox.url);
  const auth = await client.postToUrl<AuthenticateResponse>('/auth/credentials', body({ userName, password: PASSWORD, rememberMe: true }));
  expect(auth.userName).toBe(userName);
  return client;
}

describe('@servicestack/client JsonServiceClient', () => {
  it('signs in with credentials and carries the session cookies on custom routes', async () => {
    const client = await serviceStackClient(MANAGER);
    expect(Object.keys(client.cookies).sort()).toEqual(['ss-id', 'ss-opt', 'ss-pid']);
    const status = await client.get<UserInfo>('/auth/status');
    expect(status.accountIds).toEqual([sandbox.fixtures.managerAccountId]);

    const f = sandbox.fixtures;
    const page = await client.get<ListResponse<CustomerInfo>>('/customers', {
      accountIds: [f.managerAccountId],
      parentCustomerIds: [f.bigParentId],
      shallowParent: true,
      countPerPage: 100,
      page: 2,
      sortOrder: 'Descend',
    });
    expect(page.items).toHaveLength(100);
    expect(page).toMatchObject({ totalCount: f.bigParentChildCount, totalPages: 3, hasMorePages: false });

    const tagged = await client.get<ListResponse<CustomerInfo>>('/customers', { tagIds: f.tagFilter.tagIds, all: true });
    expect(tagged.items?.map((c) => c.id)).toEqual(expect.arrayContaining(f.chainIds));

    const id = f.chainIds[4] as string;
    const updated = await client.postToUrl<CustomerInfo>(`/customers/${encodeURIComponent(id)}/staging`, body({ isStaging: true }));
    expect(updated.isStaging).toBe(true);
    expect(sandbox.admin.writes().at(-1)).toMatchObject({ customerId: id, to: true, user: MANAGER });

    const state = await client.postToUrl<TestScheduleResponse>(`/customers/${id}/test-schedule`, body({ dateTime: '2026-06-01T12:00:00Z' }));
    expect(typeof state.stateName).toBe('string');
    expect(typeof state.timeZoneId).toBe('string');
  });

  it('throws a ResponseStatus-bearing object on 401 and 403/404', async () => {
    const anonymous = new JsonServiceClient(sandbox.url);
    await expect(anonymous.postToUrl('/auth/credentials', body({ userName: ADMIN, password: 'wrong' }))).rejects.toMatchObject({
      responseStatus: { errorCode: 'Unauthorized', message: 'Invalid UserName or Password' },
    });
    const norole = await serviceStackClient(NOROLE);
    await expect(norole.get('/customers')).rejects.toMatchObject({ responseStatus: { message: 'Invalid Role' } });
    const manager = await serviceStackClient(MANAGER);
    await expect(manager.get(`/customers/${sandbox.fixtures.otherAccountCustomerId}`)).rejects.toMatchObject({ responseStatus: { errorCode: 'Forbidden' } });
    await expect(manager.get('/customers/unknown-id')).rejects.toMatchObject({ responseStatus: { errorCode: 'NotFound' } });
  });

  it('logout through POST /auth/logout ends the session', async () => {
    const client = await serviceStackClient(ADMIN);
    await client.postToUrl('/auth/logout', body({ provider: 'logout' }));
    await expect(client.get('/auth/status')).rejects.toMatchObject({ responseStatus: { errorCode: 'Unauthorized' } });
  });
});

describe('plain fetch client', () => {
  it('signs in, lists with comma-separated lists and writes with cookies only', async () => {
    const client = new FetchClient(sandbox.url);
    await client.signIn(ADMIN);
    const f = sandbox.fixtures;
    const list = await client.get<ListResponse<CustomerInfo>>(`/customers?accountIds=${f.managerAccountId},${f.otherAccountId}&countPerPage=10`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(10);
    const write = await client.post<CustomerInfo>(`/customers/${f.subtree200Id}/staging`, { isStaging: false });
    expect(write.body.isStaging).toBe(false);
  });
});

/* /accounts, /accounts/{id} (authentication only, like the metadata page) and /system/settings. */
import type { FastifyInstance } from 'fastify';
import type { AccountInfo, ListResponse, SystemSettingsInfo } from '../wire';
import { requireCustomerRole, requireSession } from '../auth';
import type { SandboxContext } from '../context';
import { sessionOf, visibleAccount, visibleAccountIds } from '../context';
import { validationFailed } from '../errors';
import { pageItems, readPageRequest, sortItems } from '../paging';
import { QueryReader } from '../query';

export function registerAccountRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/accounts', (request): ListResponse<AccountInfo> => {
    const session = requireSession(sessionOf(ctx, request));
    const q = new QueryReader(request.query);
    const paging = readPageRequest(q, ctx.faults.settings);
    const visible = new Set(visibleAccountIds(ctx, session));
    const nameFilter = q.string('nameFilter')?.toLowerCase() || undefined;
    const specific = q.list('specificIds');
    const items = ctx.accounts
      .map((a) => a.info)
      .filter((a) => visible.has(a.id))
      .filter((a) => !nameFilter || a.name.toLowerCase().includes(nameFilter))
      .filter((a) => !specific || specific.length === 0 || specific.includes(a.id));
    return pageItems(paging.unsorted ? items : sortItems(items, paging), paging);
  });

  app.get('/accounts/:accountId', (request): AccountInfo => {
    const session = requireSession(sessionOf(ctx, request));
    return visibleAccount(ctx, session, (request.params as { accountId: string }).accountId).info;
  });

  app.get('/system/settings', (request): SystemSettingsInfo => {
    const session = requireCustomerRole(sessionOf(ctx, request));
    const accountId = new QueryReader(request.query).string('accountId');
    if (!accountId) throw validationFailed([{ field: 'AccountId', code: 'NotEmpty', message: "'Account Id' must not be empty." }]);
    return visibleAccount(ctx, session, accountId).settings;
  });
}

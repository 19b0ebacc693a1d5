/* The ids of a customer's children that match a filter, in list order, without sending whole
 * customers to the renderer: "select all N matching" and Shift ranges over rows that were never
 * loaded. Reads through CustomerService.children (server online, offline copy offline) in the
 * page size of syncs and plans, so it agrees with what the list shows. */
import type { ChildIdsResult } from '../../shared/ipc/contract';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import type { CustomerService } from './customer-service';

export interface ChildIdsRequest {
  search?: string;
  tagIds?: string[];
  /** First row (0 = the top of the list). */
  offset?: number;
  /** Rows wanted; all from offset when absent. */
  limit?: number;
}

export async function listChildIds(
  customers: Pick<CustomerService, 'children'>,
  parentId: string | null,
  request: ChildIdsRequest = {},
  pageSize: number = EVO_ASSUMPTIONS.pageSize,
): Promise<ChildIdsResult> {
  const offset = request.offset ?? 0;
  const filter = { ...(request.search ? { search: request.search } : {}), ...(request.tagIds?.length ? { tagIds: request.tagIds } : {}) };
  const ids: string[] = [];
  let page = Math.floor(offset / pageSize);
  let total = 0;
  let source: ChildIdsResult['source'] = 'server';
  for (;;) {
    const answer = await customers.children(parentId, { ...filter, page, pageSize });
    total = answer.total;
    if (answer.source === 'cache') source = 'cache';
    const end = request.limit === undefined ? total : Math.min(total, offset + request.limit);
    answer.items.forEach((c, i) => {
      const row = page * pageSize + i;
      if (row >= offset && row < end) ids.push(c.id);
    });
    page++;
    // Paging follows the total, never a short page: a page is short when a record in it was set
    // aside, and more follow. An empty page ends it (the total said more than there is).
    if (page * pageSize >= end || answer.items.length === 0) break;
  }
  return { ids, total, source };
}

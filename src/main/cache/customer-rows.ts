/* Turning a validated CustomerInfo into the cache's row (parent, ancestor path, search key). */
import type { Customer } from '../../shared/evo/schemas';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import { foldName } from './fold';

export interface CustomerRow {
  id: string;
  account_id: string | null;
  parent_id: string | null;
  name: string;
  name_folded: string;
  reference_id: string | null;
  is_staging: number | null;
  path: string;
  depth: number;
  json: string;
  fetched_at: number;
}

/** Escape an id for use as a path segment: ids are opaque and could contain '/'. */
export function pathSegment(id: string): string {
  return id.replace(/%/g, '%25').replace(/\//g, '%2F');
}

export function unescapePathSegment(segment: string): string {
  return segment.replace(/%2F/g, '/').replace(/%25/g, '%');
}

export function pathFromAncestors(ancestorIds: readonly string[]): string {
  return ancestorIds.length === 0 ? '/' : `/${ancestorIds.map(pathSegment).join('/')}/`;
}

export function ancestorIdsFromPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '').map(unescapePathSegment);
}

/** Path prefix shared by every descendant of the customer at (path, id). */
export function descendantPrefix(path: string, id: string): string {
  return `${path}${pathSegment(id)}/`;
}

/** Exclusive upper bound of a prefix range: prefixes end with '/', and '0' sorts right after it. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix.slice(0, -1)}0`;
}

/** Empty or missing parent = a root (assumptions.ts: rootHasEmptyParent). */
export function parentOf(customer: Customer): string | null {
  const parent = customer.parentCustomerId;
  return typeof parent === 'string' && parent !== '' ? parent : null;
}

/** Ancestor ids root first, from the breadcrumb (root → leaf, self excluded per assumptions.ts;
 * a trailing self entry is dropped anyway so a server that includes it does not break paths).
 * Returns undefined when the customer has a parent but no usable breadcrumb. */
export function ancestorIdsFromBreadcrumb(customer: Customer): string[] | undefined {
  const parent = parentOf(customer);
  if (parent === null) return [];
  const ids = (customer.breadcrumb ?? []).map((b) => b.id);
  if (ids[ids.length - 1] === customer.id && (EVO_ASSUMPTIONS.breadcrumbIncludesSelf || ids.length > 0)) ids.pop();
  // Only trust a breadcrumb that ends at the declared parent.
  return ids.length > 0 && ids[ids.length - 1] === parent ? ids : undefined;
}

export function toRow(customer: Customer, ancestorIds: readonly string[], fetchedAt: number): CustomerRow {
  const name = customer.name ?? '';
  return {
    id: customer.id,
    account_id: customer.accountId ?? null,
    parent_id: parentOf(customer),
    name,
    name_folded: foldName(name),
    reference_id: customer.referenceId ?? null,
    is_staging: customer.isStaging === undefined ? null : customer.isStaging ? 1 : 0,
    path: pathFromAncestors(ancestorIds),
    depth: ancestorIds.length,
    json: JSON.stringify(customer),
    fetched_at: fetchedAt,
  };
}

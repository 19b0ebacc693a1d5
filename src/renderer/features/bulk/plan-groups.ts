/* A plan's customers grouped under their immediate parent (the order of first appearance), so a
 * subtree reads as its families instead of one path repeated on every row. Pure. */
import type { BreadcrumbEntry, PlanItem } from '../../../shared/bulk/types';

export interface PlanGroup {
  /** The immediate parent (null: top-level customers). */
  parent: BreadcrumbEntry | null;
  /** The parent's own ancestors, root first (for the full path on hover). */
  above: BreadcrumbEntry[];
  items: PlanItem[];
}

export function groupByParent(items: readonly PlanItem[]): PlanGroup[] {
  const groups = new Map<string, PlanGroup>();
  for (const item of items) {
    const parent = item.breadcrumb.at(-1) ?? null;
    const key = parent?.id ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { parent, above: item.breadcrumb.slice(0, -1), items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

export const pathText = (crumbs: readonly BreadcrumbEntry[]): string => crumbs.map((c) => c.name || c.id).join(' / ');

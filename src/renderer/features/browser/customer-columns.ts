/* The customer table's columns: what each shows, how wide, whether it sorts. The table state
 * (widths while resizing, sort) is TanStack Table's; the rows are rendered by CustomerTable
 * over the virtual list, reading widths through CSS variables so resizing never re-renders
 * a row. */
import { columnResizingFeature, columnSizingFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { Customer } from '../../../shared/evo/schemas';
import type { SortField } from './customer-sort';

export const tableFeaturesUsed = tableFeatures({ columnSizingFeature, columnResizingFeature, rowSortingFeature });

/** Wide enough for a 40-character name at the table's font (13 px): measured in Chromium at
 * 267–288 px for real names of 40 characters, plus the cell's padding. The name column never
 * gets narrower; when the pane is narrower than all columns, the table scrolls sideways. */
export const NAME_MIN_WIDTH = 320;
export const SELECT_WIDTH = 36;

export type ColumnId = 'select' | SortField | 'tags';

const helper = createColumnHelper<typeof tableFeaturesUsed, Customer>();

// Sortable columns are accessor columns (TanStack Table sorts only those); the sorting itself
// is done by use-children.ts / customer-sort.ts (manualSorting), never on a partial list.
export const CUSTOMER_COLUMNS = helper.columns([
  helper.display({ id: 'select', header: 'Select', size: SELECT_WIDTH, minSize: SELECT_WIDTH, maxSize: SELECT_WIDTH, enableResizing: false, enableSorting: false }),
  helper.accessor((c) => c.name, { id: 'name', header: 'Name', size: NAME_MIN_WIDTH, minSize: NAME_MIN_WIDTH, maxSize: 1200 }),
  helper.accessor((c) => c.isStaging, { id: 'routing', header: 'Routing', size: 78, minSize: 70, maxSize: 200 }),
  helper.accessor((c) => c.referenceId, { id: 'referenceId', header: 'Reference', size: 96, minSize: 60, maxSize: 400 }),
  helper.display({ id: 'tags', header: 'Tags', size: 110, minSize: 60, maxSize: 600, enableSorting: false }),
  helper.accessor((c) => c.id, { id: 'children', header: 'Children', size: 82, minSize: 70, maxSize: 200, sortDescFirst: true }),
  helper.accessor((c) => c.dateLastModified, { id: 'lastChanged', header: 'Changed', size: 92, minSize: 80, maxSize: 300, sortDescFirst: true }),
]);

/** The CSS variable a column's width is published under. */
export const widthVar = (id: string) => `--col-${id}`;

/* Audit export of one run as CSV (csv-stringify) or JSON. Built only from journal data,
 * which never holds cookies, tokens or passwords. */
import { stringify } from 'csv-stringify/sync';
import { AUDIT_COLUMNS, auditDocument, auditRows } from '../../shared/bulk/audit';
import type { ExportFormat, RunDetail } from '../../shared/bulk/types';

/** Spreadsheet apps run cells starting with these as formulas (customer names are user data). */
const FORMULA_START = /^[=+\-@\t\r]/;
const neutralise = (value: string | number): string | number =>
  typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;

export function exportRunDetail(run: RunDetail, format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(auditDocument(run), null, 2)}\n`;
  const rows = auditRows(run).map((row) => AUDIT_COLUMNS.map((c) => neutralise(row[c])));
  return stringify(rows, { header: true, columns: [...AUDIT_COLUMNS], bom: false });
}

/* --from-file: customer ids from a file a person or another tool wrote — one id per line
 * (blank lines and # comments ignored), or a CSV file with a header row whose id column is
 * named (--column) or found (id, customerId, customer_id, customer id; any case). A run's
 * CSV export (column customerId) works as it is. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CliError, EXIT } from './exit-codes';

const ID_COLUMNS = ['id', 'customerid', 'customer_id', 'customer id'];

export function readIdFile(file: string, column?: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new CliError(`Cannot read --from-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`, EXIT.usage);
  }
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) ?? '';
  const ids = column !== undefined || /[,;\t]/.test(firstLine) ? idsFromCsv(text, file, column) : idsFromLines(text);
  if (ids.length === 0) throw new CliError(`--from-file ${file} holds no customer ids.`, EXIT.usage);
  return ids;
}

function idsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function idsFromCsv(text: string, file: string, column: string | undefined): string[] {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: true, trim: true, comment: '#' }) as string[][];
  } catch (error) {
    throw new CliError(`--from-file ${file} is not readable as CSV: ${(error as Error).message}`, EXIT.usage);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const wanted = column === undefined ? ID_COLUMNS : [column.toLowerCase()];
  const index = header.findIndex((h) => wanted.includes(h));
  if (index < 0) {
    const columns = (rows[0] ?? []).join(', ');
    throw new CliError(`--from-file ${file} has no ${column === undefined ? 'id column' : `column "${column}"`} (its columns: ${columns}). Name it with --column.`, EXIT.usage);
  }
  return rows.slice(1).map((row) => (row[index] ?? '').trim()).filter((id) => id !== '');
}

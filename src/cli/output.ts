/* Where and how the CLI writes. stdout carries the command's result only (human text, or
 * exactly one JSON document with --json); everything else — banner, progress, prompts,
 * notes, errors — goes to stderr so `evo-console ... --json | jq` always works.
 * Colours only when the stream is a terminal (and NO_COLOR is not set). Server text in human
 * output goes through terminalSafe(): tables and warning/error lines do it here; callers that
 * compose a line themselves (banner, whoami) pass each server value through it. */
import pc from 'picocolors';
import { terminalSafe } from './terminal-text';

export type Colors = ReturnType<typeof pc.createColors>;

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

const colorsFor = (stream: NodeJS.WriteStream): Colors => pc.createColors(!!stream.isTTY && !process.env.NO_COLOR);

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Colours for stdout text. */
  readonly c: Colors;
  /** Colours for stderr text. */
  readonly ec: Colors;
  private printedJson = false;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.quiet = options.quiet;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
    this.c = colorsFor(this.stdout);
    this.ec = colorsFor(this.stderr);
  }

  /** Human result text (ignored with --json: the command prints its document instead). */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** The one JSON document of a --json run. */
  document(value: unknown): void {
    if (this.printedJson) throw new Error('Only one JSON document may be printed per command.');
    this.printedJson = true;
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  hasPrintedDocument(): boolean {
    return this.printedJson;
  }

  /** Human result or JSON document, whichever mode is on. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.document(value);
    else human();
  }

  /** Status for a person (stderr), silenced by --quiet. */
  note(text: string): void {
    if (!this.quiet) this.stderr.write(`${text}\n`);
  }

  /** Warnings are shown even with --quiet: they change what the result means. May carry server text. */
  warn(text: string): void {
    this.stderr.write(`${this.ec.yellow('warning:')} ${terminalSafe(text)}\n`);
  }

  /** The one line a failure ends with. May carry server text (messages, customer names). */
  error(text: string): void {
    this.stderr.write(`${this.ec.red('error:')} ${terminalSafe(text)}\n`);
  }

  /** A table of rows on stdout, or `empty` when there are none. */
  listing<T>(rows: readonly T[], columns: readonly Column<T>[], empty: string): void {
    this.line(rows.length === 0 ? empty : table(rows, columns, this.c));
  }

  get stderrIsTTY(): boolean {
    return !!this.stderr.isTTY;
  }
}

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Right-align (numbers). */
  right?: boolean;
  /** Colour applied after padding, so alignment counts visible characters only. */
  paint?: (text: string, row: T) => string;
}

const MAX_CELL = 60;

/** One table cell: safe, and cut to MAX_CELL characters so one long name does not wreck the layout. */
function cell(text: string): string {
  const safe = terminalSafe(text);
  return safe.length > MAX_CELL ? `${safe.slice(0, MAX_CELL - 1)}…` : safe;
}

/** Aligned plain-text table; the last column is not padded (no trailing spaces). */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], c: Colors): string {
  const cells = rows.map((row) => columns.map((col) => cell(col.value(row))));
  const widths = columns.map((col, i) => Math.max(col.header.length, ...cells.map((r) => (r[i] ?? '').length)));
  const pad = (text: string, i: number, last: boolean) => {
    const col = columns[i] as Column<T>;
    if (last && !col.right) return text;
    return col.right ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  };
  const header = columns.map((col, i) => c.bold(pad(col.header, i, i === columns.length - 1))).join('  ');
  const body = cells.map((r, ri) =>
    r
      .map((text, i) => {
        const padded = pad(text, i, i === r.length - 1);
        const paint = columns[i]?.paint;
        return paint ? paint(padded, rows[ri] as T) : padded;
      })
      .join('  '),
  );
  return [header, ...body].join('\n');
}

/** An ancestor path for a table cell: "Root › Mid › Parent", shortened from the root end
 * ("… › Mid › Parent") so the immediate parent always shows. */
export function pathText(names: readonly string[], max = MAX_CELL): string {
  const parts = names.map((n) => terminalSafe(n));
  let text = parts.join(' › ');
  for (let drop = 1; text.length > max && drop < parts.length; drop++) text = `… › ${parts.slice(drop).join(' › ')}`;
  return text;
}

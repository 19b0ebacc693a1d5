/* Another process holding an SQLite file open, like the desktop app while the CLI runs: a child
 * Node process with its own better-sqlite3 connection (SQLite's locks are per process, so a
 * second connection in the test process would not show the same thing). */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SqliteHolder {
  /** Runs `SELECT <expression>` in the holder's connection (e.g. 'count(*) FROM customers'). */
  select(expression: string): Promise<unknown>;
  /** Runs statements in the holder's connection (e.g. 'BEGIN IMMEDIATE' to hold the write lock). */
  exec(sql: string): Promise<void>;
  /** Closes the holder's connection and ends the process. */
  close(): Promise<void>;
}

const SCRIPT = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.prepare('SELECT count(*) FROM sqlite_schema').get();
const lines = require('node:readline').createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { select, exec } = JSON.parse(line);
  if (select === undefined && exec === undefined) { db.close(); process.exit(0); }
  try {
    if (exec !== undefined) { db.exec(exec); console.log(JSON.stringify({ value: null })); }
    else console.log(JSON.stringify({ value: db.prepare('SELECT ' + select).pluck().get() }));
  }
  catch (e) { console.log(JSON.stringify({ error: e.code + ': ' + e.message })); }
});
console.log(JSON.stringify({ ready: true }));
`;

export async function holdSqliteFile(file: string): Promise<SqliteHolder> {
  const child = spawn(process.execPath, ['-e', SCRIPT, file], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const line = await answers.next();
    if (line.done) throw new Error(`the process holding ${file} ended`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  await next(); // ready: the file is open
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async select(expression) {
      child.stdin.write(`${JSON.stringify({ select: expression })}\n`);
      const answer = await next();
      if (answer.error) throw new Error(String(answer.error));
      return answer.value;
    },
    async exec(sql) {
      child.stdin.write(`${JSON.stringify({ exec: sql })}\n`);
      const answer = await next();
      if (answer.error) throw new Error(String(answer.error));
    },
    async close() {
      child.stdin.write('{}\n');
      await exited;
    },
  };
}

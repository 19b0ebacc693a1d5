/* Runs the real evo-console (bin launcher → the bundle in out/cli when it is fresh, else tsx →
 * src/cli) as a child process against the sandbox, with its own EVO_CONSOLE_HOME. The private keychain comes from the vitest
 * globalSetup (the child inherits DBUS_SESSION_BUS_ADDRESS). No sleeps: waits are for
 * conditions (text on stderr, process exit). */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';

export const BIN = path.resolve(__dirname, '../../bin/evo-console.mjs');
export const MANAGER = 'manager@sandbox.test';
export const ADMIN = 'admin@sandbox.test';
export const NOROLE = 'norole@sandbox.test';
export const PASSWORD = 'sandbox';

export function tempHome(prefix = 'evo-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  home: string;
  /** Written to stdin, then stdin is closed (default: closed at once, so no TTY and no input). */
  input?: string;
  env?: Record<string, string | undefined>;
  /** Run inside a pseudo-terminal (util-linux `script`): stdin stays open for write(); all output arrives on stdout. */
  tty?: boolean;
  /** Start it as a user would through npm: `npx evo-console …` in the repository (default: `node bin/evo-console.mjs …`). */
  npx?: boolean;
}

export const REPO_ROOT = path.resolve(__dirname, '../..');

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  private readonly watchers = new Set<() => void>();

  constructor(args: string[], options: CliOptions) {
    const env: Record<string, string | undefined> = { ...process.env, EVO_CONSOLE_HOME: options.home, NO_COLOR: '1', EVO_CONSOLE_SERVER: undefined, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const [command, ...argv] = options.npx ? ['npx', 'evo-console', ...args] : [process.execPath, BIN, ...args];
    const spawnOptions = { env: env as NodeJS.ProcessEnv, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] as ('pipe')[] };
    // `exec`: script runs the command through $SHELL -c, and dash (CI's /bin/sh) stays as the
    // parent in the terminal's foreground group, so a typed Ctrl-C would kill the shell (exit 130)
    // instead of reaching only the CLI, as it does from an interactive shell.
    this.child = options.tty
      ? spawn('script', ['-qec', `exec ${[command as string, ...argv].map(shellQuote).join(' ')}`, '/dev/null'], spawnOptions)
      : spawn(command as string, argv, spawnOptions);
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
      this.notify();
    });
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
      this.notify();
    });
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code, signal) => {
        this.notify();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
    if (!options.tty) this.child.stdin?.end(options.input ?? '');
  }

  /** Types into the terminal (tty mode). */
  write(text: string): void {
    this.child.stdin?.write(text);
  }

  /** Resolves with the first match of `pattern` in stderr (checked on every chunk). */
  waitForStderr(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return this.waitFor(() => this.stderr, pattern, timeoutMs);
  }

  /** Resolves with the first match of `pattern` in stdout (in tty mode: everything the terminal shows). */
  waitForStdout(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return this.waitFor(() => this.stdout, pattern, timeoutMs);
  }

  private waitFor(text: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`Timed out waiting for ${pattern}. Output so far:\n${this.stdout}\n${this.stderr}`));
      }, timeoutMs);
      const check = () => {
        const match = text().match(pattern);
        if (match) {
          clearTimeout(timer);
          this.watchers.delete(check);
          resolve(match);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          clearTimeout(timer);
          this.watchers.delete(check);
          reject(new Error(`Exited before ${pattern} appeared:\n${this.stdout}\n${this.stderr}`));
        }
      };
      this.watchers.add(check);
      check();
    });
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }
}

export function cli(args: string[], options: CliOptions): Promise<CliResult> {
  return new CliProcess(args, options).exited;
}

/** The one JSON document on stdout (fails the test with stderr when it is not one). */
export function json<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${result.code}).\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Signs in with --password-stdin; throws with the output when it fails. */
export async function login(home: string, server: string, user = MANAGER, extra: string[] = []): Promise<CliResult> {
  const result = await cli(['--server', server, 'login', '--user', user, '--password-stdin', ...extra], { home, input: `${PASSWORD}\n` });
  if (result.code !== 0) throw new Error(`login failed (${result.code}): ${result.stderr}`);
  return result;
}

/**
 * What a terminal shows after `raw` (output captured through a pseudo-terminal): carriage
 * returns, line feeds, and the cursor and erase sequences progress bars use (CSI n A/B/C/D/G,
 * J, K); other escape sequences are dropped. Lines are returned without trailing spaces, so a
 * test can check that nothing was drawn over anything else.
 */
export function renderTerminal(raw: string): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => (lines[row] ??= []);
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === '\u001b') {
      // eslint-disable-next-line no-control-regex
      const csi = /^\u001b\[([?\d;]*)([A-Za-z])/.exec(raw.slice(i));
      // eslint-disable-next-line no-control-regex
      const osc = /^\u001b\][^\u0007]*\u0007/.exec(raw.slice(i));
      if (csi) {
        const n = Number((csi[1] ?? '').replace('?', '')) || 0;
        const code = csi[2];
        if (code === 'A') row = Math.max(0, row - (n || 1));
        else if (code === 'B') row += n || 1;
        else if (code === 'C') col += n || 1;
        else if (code === 'D') col = Math.max(0, col - (n || 1));
        else if (code === 'G') col = Math.max(0, (n || 1) - 1);
        else if (code === 'K') lines[row] = n === 2 ? [] : n === 1 ? line().map((c, k) => (k <= col ? ' ' : c)) : line().slice(0, col);
        else if (code === 'J') {
          lines[row] = line().slice(0, col);
          lines.length = row + 1;
        }
        i += csi[0].length - 1;
      } else if (osc) {
        i += osc[0].length - 1;
      }
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row += 1;
      line();
    } else {
      const current = line();
      while (current.length < col) current.push(' ');
      current[col] = ch;
      col += 1;
    }
  }
  return lines.map((l) => l.join('').trimEnd());
}

/**
 * One sandbox and one signed-in EVO_CONSOLE_HOME for a test file: `use` receives them once
 * they are up. With `resetEachTest`, every test starts from the seeded customers and no faults.
 */
export function useSignedInSandbox(use: (started: { sandbox: Sandbox; home: string }) => void, options: { resetEachTest?: boolean } = {}): void {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const home = tempHome();
    await login(home, sandbox.url);
    use({ sandbox, home });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  if (options.resetEachTest) {
    beforeEach(() => {
      sandbox?.admin.reset();
      sandbox?.admin.clearFaults();
    });
  }
}

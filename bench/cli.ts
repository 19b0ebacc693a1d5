/* evo-console start-up figures: `npm run bench -- cli`. Signs in to an in-process sandbox with
 * a private keychain (so `whoami --offline` has an identity to read), then times whole
 * commands as a shell would run them: `evo-console --help`, `whoami --offline`, and both
 * through `npx` (none of them asks the server, so the timed runs may block this process). hyperfine when installed (apt-get install hyperfine), else a loop of spawns;
 * median of at least 10 runs each. EVO_CLI_BENCH_RUNS changes the count. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { startPrivateKeyring } from '../test/support/keyring';

const runs = Math.max(10, Number(process.env.EVO_CLI_BENCH_RUNS ?? 15));
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/evo-console.mjs');
const keyring = startPrivateKeyring();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'evo-cli-bench-'));
const env: NodeJS.ProcessEnv = { ...process.env, ...keyring.env, EVO_CONSOLE_HOME: home, NO_COLOR: '1' };
delete env.EVO_CONSOLE_SERVER;
const sandbox = await startSandbox({ port: 0 });

const hasHyperfine = spawnSync('hyperfine', ['--version']).status === 0;
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Median, min and max wall time in ms of `argv` run `runs` times (after one warm-up run). */
function time(argv: string[]): { median: number; min: number; max: number } {
  if (hasHyperfine) {
    const out = path.join(home, 'hyperfine.json');
    const result = spawnSync('hyperfine', ['-N', '--warmup', '1', '--runs', String(runs), '--export-json', out, argv.map(shellQuote).join(' ')], { env, cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`hyperfine failed for ${argv.join(' ')}`);
    const times = (JSON.parse(fs.readFileSync(out, 'utf8')) as { results: { times: number[] }[] }).results[0]?.times.map((s) => s * 1000) ?? [];
    return summarise(times);
  }
  spawnSync(argv[0] as string, argv.slice(1), { env, cwd: root, stdio: 'ignore' });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(argv[0] as string, argv.slice(1), { env, cwd: root, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status}`);
    times.push(performance.now() - started);
  }
  return summarise(times);
}

function summarise(times: number[]): { median: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

try {
  // Asynchronously: the sandbox answers from this process's event loop.
  const login = spawn(process.execPath, [bin, '--quiet', '--server', sandbox.url, 'login', '--user', 'manager@sandbox.test', '--password-stdin'], { env, cwd: root, stdio: ['pipe', 'ignore', 'inherit'] });
  login.stdin.end('sandbox\n');
  const code = await new Promise((resolve) => login.on('close', resolve));
  if (code !== 0) throw new Error(`login failed (exit ${String(code)})`);
  // The launcher says which code it runs (a fresh bundle, else the sources).
  const entry = /running (.*)/.exec(spawnSync(process.execPath, [bin, '--version'], { env: { ...env, EVO_CONSOLE_DEBUG: '1' }, cwd: root }).stderr.toString())?.[1] ?? '?';
  console.log(`evo-console start-up, ${runs} runs each (${hasHyperfine ? 'hyperfine -N' : 'spawn loop'}); the launcher runs ${entry}; load average ${os.loadavg()[0]?.toFixed(2)}`);
  const cases: [string, string[]][] = [
    ['node -e 0 (Node alone, for scale)', [process.execPath, '-e', '0']],
    ['evo-console --help', [process.execPath, bin, '--help']],
    ['evo-console whoami --offline', [process.execPath, bin, '--offline', 'whoami']],
    ['npx evo-console --help', ['npx', 'evo-console', '--help']],
    ['npx evo-console whoami --offline', ['npx', 'evo-console', '--offline', 'whoami']],
  ];
  for (const [label, argv] of cases) {
    const t = time(argv);
    console.log(`${label.padEnd(34)} median ${t.median.toFixed(0).padStart(5)} ms   (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`);
  }
} finally {
  await sandbox.close();
  keyring.stop();
}

/* npm run sandbox -- [--port N] [--seed S] [--size small|large] [fault flags]
 * Starts the sandbox in the foreground; Ctrl-C stops it. */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS, startSandbox } from './server';
import type { FaultSettings, SeedSize } from './types';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N              listen on 127.0.0.1:N (default: a free port)
  --seed S              data seed (default 1)
  --size small|large    ~1,200 or 50,000 customers (default small)
  --session-ttl MS      session lifetime (default 8 h)
  --latency MS          fixed delay per API request
  --jitter MS           extra random delay 0..MS
  --error-rate R        share of API requests answered 500 (0..1)
  --rate-limit N        requests/second per session (token bucket; 0 = off)
  --burst N             token bucket size (default = rate)
  --reset-rate R        share of API requests whose connection is reset
  --hang-rate R         share of API requests never answered
  --broken ID,ID        customers whose reads and staging writes always answer 500
  --quiet               print only the URL`;

function numberFlag(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number, got "${String(raw)}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      'session-ttl': { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'error-rate': { type: 'string' },
      'rate-limit': { type: 'string' },
      burst: { type: 'string' },
      'reset-rate': { type: 'string' },
      'hang-rate': { type: 'string' },
      broken: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const size = (values.size ?? 'small') as SeedSize;
  if (size !== 'small' && size !== 'large') throw new Error(`--size must be small or large, got "${size}"`);
  const faults: Partial<FaultSettings> = {};
  const map: [string, { [K in keyof FaultSettings]: FaultSettings[K] extends number ? K : never }[keyof FaultSettings]][] = [
    ['latency', 'latencyMs'], ['jitter', 'jitterMs'], ['error-rate', 'errorRate'], ['rate-limit', 'rateLimitPerSecond'],
    ['burst', 'rateLimitBurst'], ['reset-rate', 'resetRate'], ['hang-rate', 'hangRate'],
  ];
  for (const [flag, key] of map) {
    const value = numberFlag(values, flag);
    if (value !== undefined) faults[key] = value;
  }
  if (values.broken) faults.brokenCustomerIds = values.broken.split(',').filter(Boolean);
  const started = Date.now();
  const sandbox = await startSandbox({
    port: numberFlag(values, 'port') ?? 0,
    seed: numberFlag(values, 'seed') ?? 1,
    size,
    sessionTtlMs: numberFlag(values, 'session-ttl'),
    faults,
    quiet: values.quiet ?? false,
  });
  if (values.quiet) {
    console.log(sandbox.url);
  } else {
    const f = sandbox.fixtures;
    console.log(`Evo Voice sandbox listening on ${sandbox.url}  (seed ${f.seed}, ${f.size}: ${f.customerCount} customers, started in ${Date.now() - started} ms)`);
    console.log('Demo sign-ins (password for all: ' + DEMO_PASSWORD + '):');
    for (const user of DEMO_USERS) console.log(`  ${user.userName.padEnd(24)} ${user.roles.join(', ') || '(no role)'}${user.accounts === 'all' ? ' — all accounts' : ' — ' + f.accounts[0]?.name}`);
    console.log(`Admin API (loopback only): ${sandbox.url}/__sandbox/   fixtures: ${sandbox.url}/__sandbox/fixtures`);
    if (Object.keys(faults).length > 0) console.log('Faults:', JSON.stringify(sandbox.admin.faults()));
    console.log('Ctrl-C stops.');
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});

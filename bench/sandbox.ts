/* Sandbox figures: `npx tsx bench/sandbox.ts`. Starts `sandbox/cli.ts --size large` as its own
 * process (as `npm run sandbox` does), measures the time until it prints its URL, then times
 * pages of the 10,000-child parent from this process (first call, then the median of 5). */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const started = performance.now();
const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--size', 'large', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
  child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});
const startMs = performance.now() - started;

try {
  const fixtures = (await (await fetch(`${url}/__sandbox/fixtures`)).json()) as { bigParentId: string; customerCount: number };
  const signIn = await fetch(`${url}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'admin@sandbox.test', password: 'sandbox', rememberMe: true }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const timed = async (path: string): Promise<{ ms: number; bytes: number }> => {
    const t = performance.now();
    const res = await fetch(url + path, { headers: { cookie } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
    return { ms: performance.now() - t, bytes: Buffer.byteLength(text) };
  };
  const parent = fixtures.bigParentId;
  const cases: Record<string, string> = {
    '10,000 children, countPerPage=100, page 0': `/customers?parentCustomerIds=${parent}&shallowParent=true&countPerPage=100`,
    '10,000 children, countPerPage=100, page 99': `/customers?parentCustomerIds=${parent}&shallowParent=true&countPerPage=100&page=99`,
    '10,000 children, all=true': `/customers?parentCustomerIds=${parent}&shallowParent=true&all=true`,
    'all 50,000, countPerPage=100': '/customers?countPerPage=100',
  };
  console.log(`npm run sandbox -- --size large: ${fixtures.customerCount} customers, process start → URL printed in ${startMs.toFixed(0)} ms`);
  for (const [label, path] of Object.entries(cases)) {
    const first = await timed(path);
    const med = await median(5, async () => (await timed(path)).ms);
    console.log(`${label}: first ${first.ms.toFixed(0)} ms, median ${med.toFixed(0)} ms, ${(first.bytes / 1e6).toFixed(2)} MB`);
  }
} finally {
  child.kill('SIGINT');
}

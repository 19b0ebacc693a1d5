/* Sandbox figures: `npx tsx bench/sandbox.ts` — large-seed start time and the time to
 * answer pages of the 10,000-child parent (medians of 5, after one warm-up). */
import { startSandbox } from '../sandbox/server';

async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const started = performance.now();
const sandbox = await startSandbox({ size: 'large' });
const startMs = performance.now() - started;
try {
  const signIn = await fetch(`${sandbox.url}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'admin@sandbox.test', password: 'sandbox', rememberMe: true }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const timed = async (path: string): Promise<{ ms: number; bytes: number; items: number }> => {
    const t = performance.now();
    const res = await fetch(sandbox.url + path, { headers: { cookie } });
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
    return { ms, bytes: text.length, items: (JSON.parse(text) as { items: unknown[] }).items.length };
  };
  const parent = sandbox.fixtures.bigParentId;
  const cases = {
    'countPerPage=100, page 0': `/customers?parentCustomerIds=${parent}&shallowParent=true&countPerPage=100`,
    'countPerPage=100, last page (99)': `/customers?parentCustomerIds=${parent}&shallowParent=true&countPerPage=100&page=99`,
    'all=true (10,000 items)': `/customers?parentCustomerIds=${parent}&shallowParent=true&all=true`,
    'whole tree, countPerPage=100': '/customers?countPerPage=100',
  };
  console.log(`large seed: ${sandbox.fixtures.customerCount} customers; start (seed + listen): ${startMs.toFixed(0)} ms`);
  for (const [label, path] of Object.entries(cases)) {
    const first = await timed(path);
    const med = await median(5, async () => (await timed(path)).ms);
    console.log(`${label}: first ${first.ms.toFixed(0)} ms, median ${med.toFixed(0)} ms (${first.items} items, ${(first.bytes / 1e6).toFixed(2)} MB)`);
  }
} finally {
  await sandbox.close();
}

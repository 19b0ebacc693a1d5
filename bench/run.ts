/* npm run bench [-- name ...]: runs every benchmark file bench/*.ts (this runner excepted), one
 * after the other, each in its own Node process so memory figures and warm-up effects never
 * leak from one benchmark into the next. Benchmarks print figures; they do not assert.
 * Arguments select benchmarks by file name (e.g. `npm run bench -- cache`). */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== self && !f.endsWith('.d.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, '.ts')))
  .sort();

function runOne(file: string): Promise<number> {
  return new Promise((resolve) => {
    // --expose-gc lets a benchmark report memory after a collection, not just whatever garbage is left.
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(benchDir, file)], { stdio: 'inherit', cwd: path.dirname(benchDir) });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

const failed: string[] = [];
if (files.length === 0) console.log(wanted.length > 0 ? `No benchmark named ${wanted.join(', ')} in bench/.` : 'No benchmarks in bench/.');
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const started = Date.now();
  const code = await runOne(file);
  console.log(`=== bench/${file}: ${code === 0 ? 'done' : `exited with ${code}`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (code !== 0) failed.push(file);
}
if (failed.length > 0) {
  console.log(`\nBenchmarks that crashed: ${failed.join(', ')}`);
  process.exitCode = 1;
}

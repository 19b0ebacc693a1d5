#!/usr/bin/env node
/* Copies the screenshots the README shows (every docs/screens/*.png it links) from the last
 * end-to-end run (test-results/screens/) into docs/screens/, and removes the ones it no longer
 * links. Run after `npm run e2e`:  npm run docs:screens */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const linked = [...new Set([...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/docs\/screens\/([\w.-]+\.png)/g)].map((m) => m[1]))];
const missing = linked.filter((name) => !existsSync(path.join(root, 'test-results', 'screens', name)));
if (missing.length) {
  console.error(`Not in test-results/screens (run npm run e2e first): ${missing.join(', ')}`);
  process.exit(1);
}
for (const name of linked) copyFileSync(path.join(root, 'test-results', 'screens', name), path.join(root, 'docs', 'screens', name));
for (const name of readdirSync(path.join(root, 'docs', 'screens'))) if (name.endsWith('.png') && !linked.includes(name)) rmSync(path.join(root, 'docs', 'screens', name));
console.log(`docs/screens: ${linked.join(', ')}`);

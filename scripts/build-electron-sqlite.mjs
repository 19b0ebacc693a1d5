#!/usr/bin/env node
/* Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node.
 *
 * Why: better-sqlite3 12 uses V8's C++ API, so the binary npm builds for Node (used by the
 * tests and the CLI) cannot load inside Electron (different ABI). The app loads this separate
 * binary through better-sqlite3's `nativeBinding` option (src/main/sqlite/native-binding.ts).
 * Packaging copies native/electron/ to <resources>/native/electron/.
 *
 * Run it on a machine with internet access (it downloads Electron's headers) and a C++
 * toolchain:   node scripts/build-electron-sqlite.mjs [--electron <version>] [--arch <arch>]
 *
 * It builds in a temporary copy of the package, so node_modules/better-sqlite3 keeps its Node
 * build. It clears npm's `nodedir` setting, which otherwise makes node-gyp silently build
 * against Node's headers, and then checks the ABI stamped into the result.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, copyFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

const electronVersion = arg('electron', require('electron/package.json').version);
const arch = arg('arch', process.arch);
const expectedAbi = require('node-abi').getAbi(electronVersion, 'electron');
const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
const outDir = path.join(root, 'native', 'electron');
const outFile = path.join(outDir, 'better_sqlite3.node');

const work = mkdtempSync(path.join(tmpdir(), 'bsq-electron-'));
try {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (ABI ${expectedAbi}, ${arch}) in ${work}`);
  cpSync(packageDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|dist_url|disturl)$/i.test(key)) delete env[key];
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, env, stdio: 'inherit' },
  );
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  // node_register_module_v<ABI> is the symbol Node/Electron look up; a Node-ABI build is the silent failure mode.
  const binary = readFileSync(built).toString('latin1');
  if (!binary.includes(`node_register_module_v${expectedAbi}`)) {
    throw new Error(`The build does not carry Electron's ABI ${expectedAbi} (node-gyp used the wrong headers); not installing it.`);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, outFile);
  chmodSync(outFile, 0o755);
  console.log(`Wrote ${outFile}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

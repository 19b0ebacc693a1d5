/* Run by `npm start` before the app: builds better-sqlite3 for Electron when that build is
 * missing or made for another Electron (scripts/build-electron-sqlite.mjs, which needs internet
 * for Electron's headers and a C++ toolchain). Best effort: when it cannot build, it prints one
 * line saying so and the command to run, and the app starts anyway (it signs in; the customer
 * screens, which read through the offline cache, say what is missing). The decision is
 * checkElectronBuild in src/main/sqlite/native-binding.ts, tested under Node. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkElectronBuild, ELECTRON_BINARY_RELATIVE, electronBuildFailedLine } from '../src/main/sqlite/native-binding';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = (require('electron/package.json') as { version: string }).version;
const expectedAbi = String((require('node-abi') as { getAbi(v: string, t: string): string }).getAbi(electronVersion, 'electron'));
const binaryPath = path.join(root, ELECTRON_BINARY_RELATIVE);

const check = checkElectronBuild(existsSync(binaryPath) ? readFileSync(binaryPath) : null, expectedAbi);
if (check.kind === 'build') {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (${check.reason})…`);
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron-sqlite.mjs')], { cwd: root, encoding: 'utf8', timeout: 10 * 60_000 });
  if (build.status === 0) {
    console.log(`Built ${binaryPath}.`);
  } else {
    const logFile = path.join(tmpdir(), 'evo-electron-sqlite-build.log');
    writeFileSync(logFile, `${build.stdout ?? ''}\n${build.stderr ?? ''}\n${build.error?.message ?? ''}`);
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|network/i.test(`${build.stderr}${build.stdout}`);
    console.warn(electronBuildFailedLine(offline ? 'no internet access for Electron’s headers' : 'the build failed', logFile));
  }
}

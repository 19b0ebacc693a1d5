/* Which better-sqlite3 native binary to load.
 *
 * better-sqlite3 12 uses V8's C++ API, so a binary only loads into the runtime whose ABI it was
 * built for: the package's own build (npm install) targets Node (tests, CLI); Electron needs a
 * separate build made by scripts/build-electron-sqlite.mjs, shipped at
 * `<resources>/native/electron/better_sqlite3.node` (packaged) or
 * `<project>/native/electron/better_sqlite3.node` (development).
 * The decision is a pure function of versions, paths and file existence so it can be tested
 * without Electron. */
import path from 'node:path';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';

export const ELECTRON_BINARY_RELATIVE = path.join('native', 'electron', 'better_sqlite3.node');

export interface NativeBindingEnv {
  /** `process.versions`: `electron` is set only inside Electron. */
  versions: { electron?: string | undefined; node?: string | undefined };
  /** `process.resourcesPath` in a packaged Electron app. */
  resourcesPath?: string | undefined;
  /** Project root in development (where `npm run build:electron-sqlite` puts the binary). */
  appRoot?: string | undefined;
  exists: (file: string) => boolean;
}

export type NativeBindingChoice =
  | { kind: 'node' }
  | { kind: 'electron'; path: string }
  | { kind: 'electron-missing'; searched: string[] };

/** Candidate locations for the Electron build, packaged location first. */
export function electronBindingCandidates(env: Pick<NativeBindingEnv, 'resourcesPath' | 'appRoot'>): string[] {
  const roots = [env.resourcesPath, env.appRoot].filter((r): r is string => typeof r === 'string' && r !== '');
  return [...new Set(roots.map((root) => path.join(root, ELECTRON_BINARY_RELATIVE)))];
}

export function chooseNativeBinding(env: NativeBindingEnv): NativeBindingChoice {
  if (!env.versions.electron) return { kind: 'node' };
  const searched = electronBindingCandidates(env);
  const found = searched.find((candidate) => env.exists(candidate));
  return found ? { kind: 'electron', path: found } : { kind: 'electron-missing', searched };
}

/** The `nativeBinding` option for `new Database(file, { nativeBinding })`: undefined = the package's
 * own (Node) build. Under Electron without its build this throws a clear error instead of letting
 * better-sqlite3 fail with an ABI-mismatch message nobody can act on. */
export function nativeBindingOption(env: NativeBindingEnv): string | undefined {
  const choice = chooseNativeBinding(env);
  switch (choice.kind) {
    case 'node':
      return undefined;
    case 'electron':
      return choice.path;
    case 'electron-missing':
      throw new AppError({
        kind: 'Unexpected',
        message:
          `The offline cache needs better-sqlite3 built for Electron ${env.versions.electron}; none found at ` +
          `${choice.searched.join(' or ')}. Run "node scripts/build-electron-sqlite.mjs" (needs internet) and restart.`,
      });
  }
}

/** The environment of the current process. */
export function currentNativeBindingEnv(appRoot: string = process.cwd()): NativeBindingEnv {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return {
    versions: { electron: process.versions.electron, node: process.versions.node },
    resourcesPath,
    appRoot,
    exists: (file) => fs.existsSync(file),
  };
}

/* ---- `npm start`: prepare the Electron build when it is missing ---------------------------- */

export type ElectronBuildCheck = { kind: 'ready' } | { kind: 'build'; reason: string };

/** Whether the development Electron build is there and made for this Electron's ABI (the symbol
 * Node/Electron look up carries the ABI; a Node-ABI build is the silent failure mode). */
export function checkElectronBuild(binary: Uint8Array | null, expectedAbi: string): ElectronBuildCheck {
  if (binary === null) return { kind: 'build', reason: 'it is missing' };
  const text = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).toString('latin1');
  if (!text.includes(`node_register_module_v${expectedAbi}`)) return { kind: 'build', reason: `it was built for another Electron (not ABI ${expectedAbi})` };
  return { kind: 'ready' };
}

/** The one line `npm start` prints when it could not build (offline, no compiler). */
export function electronBuildFailedLine(reason: string, logFile: string): string {
  return `better-sqlite3 for Electron could not be built (${reason}); the app starts, but the customer screens need it. With internet access, run: node scripts/build-electron-sqlite.mjs  (log: ${logFile})`;
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { chooseNativeBinding, electronBindingCandidates, nativeBindingOption, checkElectronBuild, electronBuildFailedLine } from '../../../src/main/sqlite/native-binding';

const resources = path.join('/opt', 'Evo Voice Console', 'resources');
const project = path.join('/home', 'dev', 'evo-console');
const packaged = path.join(resources, 'native', 'electron', 'better_sqlite3.node');
const dev = path.join(project, 'native', 'electron', 'better_sqlite3.node');
const existing = (...files: string[]) => (file: string) => files.includes(file);

describe('native binding selection', () => {
  it('uses the package’s own Node build outside Electron, whatever files exist', () => {
    const env = { versions: { node: '20.19.0' }, resourcesPath: resources, appRoot: project, exists: existing(packaged, dev) };
    expect(chooseNativeBinding(env)).toEqual({ kind: 'node' });
    expect(nativeBindingOption(env)).toBeUndefined();
  });

  it('prefers the packaged Electron build under Electron', () => {
    const env = { versions: { node: '22.20.0', electron: '45.5.0' }, resourcesPath: resources, appRoot: project, exists: existing(packaged, dev) };
    expect(chooseNativeBinding(env)).toEqual({ kind: 'electron', path: packaged });
    expect(nativeBindingOption(env)).toBe(packaged);
  });

  it('falls back to the development build under Electron when not packaged', () => {
    const env = { versions: { electron: '45.5.0' }, resourcesPath: resources, appRoot: project, exists: existing(dev) };
    expect(nativeBindingOption(env)).toBe(dev);
  });

  it('refuses to load the Node build into Electron and says how to fix it', () => {
    const env = { versions: { electron: '45.5.0' }, resourcesPath: resources, appRoot: project, exists: existing() };
    expect(chooseNativeBinding(env)).toEqual({ kind: 'electron-missing', searched: [packaged, dev] });
    let error: unknown;
    try {
      nativeBindingOption(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('build-electron-sqlite');
    expect((error as AppError).message).toContain(packaged);
  });

  it('lists each candidate once and skips missing roots', () => {
    expect(electronBindingCandidates({ resourcesPath: project, appRoot: project })).toEqual([dev]);
    expect(electronBindingCandidates({ resourcesPath: undefined, appRoot: project })).toEqual([dev]);
  });
});

describe('npm start: preparing the Electron build', () => {
  const built = (abi: string) => new TextEncoder().encode(`\0ELF…node_register_module_v${abi}\0…`);

  it('builds when the binary is missing or made for another Electron, not when it is right', () => {
    expect(checkElectronBuild(null, '140')).toEqual({ kind: 'build', reason: 'it is missing' });
    expect(checkElectronBuild(built('115'), '140')).toEqual({ kind: 'build', reason: 'it was built for another Electron (not ABI 140)' });
    expect(checkElectronBuild(built('140'), '140')).toEqual({ kind: 'ready' });
  });

  it('when it cannot build, says so in one line with the command to run', () => {
    const line = electronBuildFailedLine('no internet access for Electron’s headers', '/tmp/build.log');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('node scripts/build-electron-sqlite.mjs');
    expect(line).toContain('the app starts');
  });
});

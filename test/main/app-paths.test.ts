import { describe, expect, it } from 'vitest';
import { appDataDir, resolveAppDataDir } from '../../src/main/app-paths';

describe('app-data folder (same as Electron userData for "Evo Voice Console")', () => {
  it('Linux: $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(resolveAppDataDir({ env: { XDG_CONFIG_HOME: '/x/cfg' }, platform: 'linux', homedir: '/home/u' })).toBe('/x/cfg/Evo Voice Console');
    expect(resolveAppDataDir({ env: {}, platform: 'linux', homedir: '/home/u' })).toBe('/home/u/.config/Evo Voice Console');
    // Relative XDG values are invalid per the spec and ignored (as Electron does).
    expect(resolveAppDataDir({ env: { XDG_CONFIG_HOME: 'cfg' }, platform: 'linux', homedir: '/home/u' })).toBe('/home/u/.config/Evo Voice Console');
  });

  it('macOS: ~/Library/Application Support', () => {
    expect(resolveAppDataDir({ env: { XDG_CONFIG_HOME: '/ignored' }, platform: 'darwin', homedir: '/Users/u' })).toBe(
      '/Users/u/Library/Application Support/Evo Voice Console',
    );
  });

  it('Windows: %APPDATA%', () => {
    expect(resolveAppDataDir({ env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\u' })).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Evo Voice Console',
    );
    expect(resolveAppDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\u' })).toBe('C:\\Users\\u\\AppData\\Roaming\\Evo Voice Console');
  });

  it('EVO_CONSOLE_HOME overrides everything', () => {
    expect(resolveAppDataDir({ env: { EVO_CONSOLE_HOME: '/data/evo/', XDG_CONFIG_HOME: '/x' }, platform: 'linux', homedir: '/h' })).toBe('/data/evo');
    expect(resolveAppDataDir({ env: { EVO_CONSOLE_HOME: 'D:\\evo' }, platform: 'win32', homedir: 'C:\\h' })).toBe('D:\\evo');
  });

  it('the default for this process follows the environment (the test run has a private XDG_CONFIG_HOME)', () => {
    expect(appDataDir()).toBe(`${process.env.XDG_CONFIG_HOME}/Evo Voice Console`);
  });
});

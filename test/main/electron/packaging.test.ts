import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('electron-builder config', () => {
  const config = require('../../../electron-builder.config.cjs') as Record<string, unknown>;

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships an asar with only the built app, plus the Electron sqlite binary as a resource', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']));
    expect(JSON.stringify(config.files)).not.toMatch(/src|test|sandbox/);
    expect(config.extraResources).toEqual([{ from: 'native/electron', to: 'native/electron', filter: ['better_sqlite3.node'] }]);
  });
});

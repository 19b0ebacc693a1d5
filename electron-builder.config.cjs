/* Packaging (npm run package). Hardened build: the fuses below are flipped in the Electron
 * binary itself, so they hold even if someone edits the installed app's files.
 * CommonJS because electron-builder loads its config with require(). */

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'io.evovoice.console',
  productName: 'Evo Voice Console',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built app and the runtime dependencies ship: no sources, tests or sandbox.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // Native modules cannot load from inside the asar archive.
  asarUnpack: ['**/*.node'],
  // better-sqlite3 built for Electron's ABI (scripts/build-electron-sqlite.mjs); the app finds
  // it at <resources>/native/electron/better_sqlite3.node (src/main/sqlite/native-binding.ts).
  extraResources: [{ from: 'native/electron', to: 'native/electron', filter: ['better_sqlite3.node'] }],
  // Rebuilding native modules needs Electron headers (not reachable here, and node-gyp would
  // silently build for Node): the Electron sqlite binary comes from the script above instead.
  npmRebuild: false,
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node interpreter.
    runAsNode: false,
    // Cookies (the renderer keeps none, but Chromium may) encrypted with the OS keychain key.
    enableCookieEncryption: true,
    // NODE_OPTIONS / --inspect could inject code into the main process.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // The app code must be the signed asar, unmodified.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // We serve the renderer from app://, so file:// needs no special powers.
    grantFileProtocolExtraPrivileges: false,
  },
  mac: { category: 'public.app-category.business', hardenedRuntime: true, target: ['dmg', 'zip'] },
  win: { target: ['nsis'] },
  linux: { target: ['AppImage', 'deb'], category: 'Office' },
};

/* Bundles ./page-bridge.ts (and through it the shared contract + createBridge) into one
 * browser script for page.addInitScript. esbuild comes with vite/tsx (devDependencies). */
import { build } from 'esbuild';
import path from 'node:path';

let cached: Promise<string> | undefined;

export function pageBridgeScript(): Promise<string> {
  cached ??= build({
    entryPoints: [path.join(__dirname, 'page-bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return cached;
}

/* Where the e2e harness builds and writes, shared by globalSetup and the tests. The build
 * goes to its own folder (not out/) so an e2e run never races a developer's `npm run build`. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const E2E_BUILD_DIR = path.join(REPO_ROOT, 'test-results', 'e2e-build');
export const E2E_RENDERER_DIR = path.join(E2E_BUILD_DIR, 'renderer');
export const SCREENS_DIR = path.join(REPO_ROOT, 'test-results', 'screens');
export const CHROMIUM_PATH = process.env.EVO_CHROMIUM_PATH ?? '/usr/bin/chromium';

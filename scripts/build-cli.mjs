/* Builds the evo-console bundle in out/cli/ (run by `npm run build`, and by `npm install` through
 * `prepare`): src/cli/main.ts and everything it imports, dependencies included, as ES modules
 * split per command, so plain Node starts it without compiling TypeScript and a command loads
 * only what it uses. Native modules (better-sqlite3, keytar) stay in node_modules.
 *
 * manifest.json records when the build started and which source files went in; the launcher
 * (bin/evo-console.mjs) runs the bundle only while none of them is newer, else the sources.
 * Every file is written under a temporary name and renamed, and chunks of earlier builds are
 * kept for a while, so a command already running from the old bundle is never cut short.
 *
 * --if-possible (prepare): a failed build only warns; the launcher then runs the sources. */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'out', 'cli');
const chunksDir = path.join(outDir, 'chunks');
const ENTRY = 'main.mjs';
/** Chunks of an earlier build are deleted once they are this old (a running command has loaded them by then). */
const OLD_CHUNK_MS = 10 * 60_000;
const ifPossible = process.argv.includes('--if-possible');

async function buildCli() {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'keytar', 'electron'],
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __evoCreateRequire } from 'node:module'; const require = __evoCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(chunksDir, { recursive: true });
  const written = new Set();
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
    written.add(file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
  const manifest = { entry: ENTRY, builtAt, inputs };
  const temp = path.join(outDir, `manifest.json.${process.pid}.tmp`);
  writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(temp, path.join(outDir, 'manifest.json'));
  for (const name of readdirSync(chunksDir)) {
    const file = path.join(chunksDir, name);
    if (!written.has(file) && Date.now() - statSync(file).mtimeMs > OLD_CHUNK_MS) rmSync(file, { force: true });
  }
  return { files: written.size, inputs: inputs.length, ms: Date.now() - builtAt };
}

try {
  const { files, inputs, ms } = await buildCli();
  console.log(`evo-console bundle: out/cli (${files} files from ${inputs} sources) in ${ms} ms`);
} catch (error) {
  if (!ifPossible) throw error;
  console.warn(`evo-console bundle not built (${error instanceof Error ? error.message : String(error)}); bin/evo-console.mjs runs the sources through tsx instead.`);
}

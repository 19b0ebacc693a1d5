// Process boundaries are enforced here, not by convention:
// shared code runs everywhere, the renderer runs sandboxed, and only the thin
// Electron adapter may import `electron` (so everything else runs under plain Node).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only src/main/electron/ and src/main/index.ts may import electron.' };
/** Which of the app's own folders a folder may not import (docs/ARCHITECTURE.md). */
const notFrom = (folders, message) => ({ group: folders.map((f) => `**/${f}/**`), message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared runs in every process: no Node built-ins.' }))],
          patterns: [notFrom(['main', 'cli', 'renderer', 'preload', 'sandbox'], 'src/shared is imported by every process and imports none of them.')],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [notFrom(['cli', 'renderer', 'preload', 'sandbox'], 'src/main is used by the CLI, never the other way round; it reaches the renderer only through IPC.')],
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [notFrom(['renderer', 'preload', 'sandbox'], 'The CLI is a thin layer over src/main and src/shared.')] },
      ],
    },
  },
  {
    files: ['src/renderer/**', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins.' }))],
          patterns: [{ group: ['**/main/**', '**/preload/**', '**/cli/**', '**/sandbox/**'], message: 'The renderer talks to main only through the IPC bridge.' }],
        },
      ],
    },
  },
  {
    // The sandbox answers as the API page says (sandbox/wire.ts, sandbox/behaviour.ts), never as the
    // console expects: sharing the console's DTOs or assumptions would make every wrong guess untestable.
    files: ['sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/shared/evo', '**/shared/evo/**'],
              message: "The sandbox declares its own wire types (sandbox/wire.ts) and behaviour (sandbox/behaviour.ts): never the console's DTOs, schemas or assumptions.",
            },
            { group: ['**/src/main', '**/src/main/**', '**/src/cli', '**/src/cli/**', '**/src/renderer', '**/src/renderer/**', '**/src/preload/**'], message: 'The sandbox is the server: it never imports the console.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**', 'test/main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

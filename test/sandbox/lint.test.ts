/* eslint.config.js keeps the sandbox independent of the console: it may not import the console's
 * Evo DTOs, schemas or assumptions, nor anything from src/main, src/cli or src/renderer. Checked
 * with ESLint itself on probe sources placed in sandbox/ (never written to disk). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const probe = (from: string) => `import * as probe from '${from}';\nexport const used = probe;\n`;

describe('sandbox import rules', () => {
  it.each([
    ['../src/shared/evo/dtos', 'sandbox/probe.ts'],
    ['../../src/shared/evo/schemas', 'sandbox/routes/probe.ts'],
    ['../src/shared/evo/assumptions.ts', 'sandbox/probe.ts'],
    ['../src/shared/evo', 'sandbox/probe.ts'],
    ['../src/main/api/evo-client', 'sandbox/probe.ts'],
    ['../../src/cli/index', 'sandbox/seed/probe.ts'],
    ['../src/renderer/App', 'sandbox/probe.ts'],
  ])('refuses %s in %s', async (from, filePath) => {
    const messages = await restrictedImports(probe(from), filePath);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/sandbox/i);
  });

  it('allows the shared schedule evaluator, its own modules and Node built-ins', async () => {
    for (const from of ['../src/shared/schedule/evaluate', './wire', 'node:http']) {
      expect(await restrictedImports(probe(from), 'sandbox/probe.ts')).toEqual([]);
    }
  });

  it('applies to the sandbox only (the console may import its own DTOs)', async () => {
    expect(await restrictedImports(probe('../evo/dtos'), 'src/shared/schedule/probe.ts')).toEqual([]);
  });

  it('the sandbox as it is passes the rule', async () => {
    const results = await eslint.lintFiles(['sandbox/**/*.ts']);
    expect(results.length).toBeGreaterThan(20);
    const offending = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`));
    expect(offending).toEqual([]);
  });
});

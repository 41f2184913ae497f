// The lint rule that holds the layers (eslint.config.js) really refuses an import against them and an
// import cycle: each case lints a few lines in place of a file of the repository (the import rules
// resolve paths from where the file is, so each case names a real file of the room it tests).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// Generous: the cycle rule reads the whole import graph, and CI machines are shared and slow.
describe('eslint.config.js: the layers of design.md', { timeout: 300_000 }, () => {
  it('refuses an import from the engine into any other room', async () => {
    const found = await problems('engine/csv.ts', "import { sendMessage } from '../messages/send-message.ts';\nexport const f = sendMessage;\n");
    expect(found).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*engine\/ must not import messages\//)]);
  });

  it('refuses the background importing a view, and a view importing storage', async () => {
    expect(await problems('background/sender-allowed.ts', "import { formatPct } from '../components/format.ts';\nexport const f = formatPct;\n")).toEqual([
      expect.stringMatching(/background\/ must not import components\//),
    ]);
    expect(await problems('components/panel/download-text.ts', "import { openDb } from '../../storage/open-db.ts';\nexport const f = openDb;\n")).toEqual([
      expect.stringMatching(/components\/ must not import storage\//),
    ]);
  });

  it('refuses storage or an adapter importing the message contract, and any room importing an entrypoint', async () => {
    expect(await problems('storage/retention.ts', "import type { Message } from '../messages/messages.ts';\nexport type M = Message;\n")).toEqual([
      expect.stringMatching(/storage\/ must not import messages\//),
    ]);
    expect(await problems('adapters/demo/select.ts', "import type { Message } from '../../messages/messages.ts';\nexport type M = Message;\n")).toEqual([
      expect.stringMatching(/adapters\/ must not import messages\//),
    ]);
    expect(await problems('overlays/save-notice.ts', "import { overlays } from '../entrypoints/mis.content/overlays.ts';\nexport const o = overlays;\n")).toEqual([
      expect.stringMatching(/overlays\/ must not import entrypoints\//),
    ]);
  });

  it('accepts imports along the arrows', async () => {
    expect(await problems('background/sender-allowed.ts', "import { openDb } from '../storage/open-db.ts';\nimport { messageSchema } from '../messages/messages.ts';\nexport const f = [openDb, messageSchema];\n")).toEqual([]);
    expect(await problems('components/overlay/save-warnings.ts', "import { toEpochDay } from '../../engine/dates.ts';\nexport const f = toEpochDay;\n")).toEqual([]);
  });

  it('refuses an import cycle, even between two files', async () => {
    // Real files: the cycle rule reads the imported files from the disk.
    const dir = mkdtempSync(join(root, 'test', 'lint-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a.ts';\nexport const b = () => a;\n");
      const [result] = await eslint.lintFiles([join(dir, 'a.ts')]);
      expect(result!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([expect.stringMatching(/^import\/no-cycle: /)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a test helper in production code', async () => {
    expect(await problems('overlays/save-notice.ts', "import { fakeQuery } from './fake-query.test-support.ts';\nexport const f = fakeQuery;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*test helpers are for tests only/),
    ]);
  });
});

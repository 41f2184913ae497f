// Lint: the layers of ../shared/design.md held by a rule (after Dark Reader's `import/no-restricted-paths`),
// and no import cycles. Only import rules: formatting is Prettier's, types are tsc's. Run: npm run lint.
//
// An arrow in the README's layout diagram is "may import"; every other import between rooms is refused
// here with the reason. Tests follow the same layers as the code beside them.
import * as babelParser from '@babel/eslint-parser';
import importPlugin from 'eslint-plugin-import';

// TypeScript 7 has no JavaScript API, so typescript-eslint cannot parse for us: Babel's parser reads the
// syntax (types only, no checking), with JSX in .tsx files only (`<T>(x) =>` is a generic in a .ts file).
// eslint-plugin-import parses each imported file with this same parser, so the choice is made per file.
const parser = {
  meta: { name: 'babel-typescript-by-extension' },
  parseForESLint(code, options) {
    const plugins = options.filePath?.endsWith('.tsx') ? ['typescript', 'jsx'] : ['typescript'];
    return babelParser.parseForESLint(code, {
      ...options,
      requireConfigFile: false,
      babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins } },
    });
  },
};

/** Each room, and the rooms it must not import (design.md "Dependencies point one way"). */
const ROOMS = {
  engine: {
    forbidden: ['adapters', 'storage', 'messages', 'background', 'components', 'overlays', 'entrypoints', 'demo', 'scripts', 'bench', 'test'],
    why: 'the engine is pure: it imports nothing of ours (design.md "Engine")',
  },
  adapters: {
    forbidden: ['storage', 'messages', 'background', 'components', 'overlays', 'entrypoints'],
    why: 'adapters only read pages: plain data out, never storage, the background or views (design.md "Adapters")',
  },
  storage: {
    forbidden: ['messages', 'background', 'components', 'overlays', 'entrypoints'],
    why: 'storage defines its own shapes; the message contract is built on top of it, not the other way round',
  },
  messages: {
    forbidden: ['background', 'components', 'overlays', 'entrypoints'],
    why: 'the message contract is read by the background, the content script and the pages, so it depends on none of them',
  },
  background: {
    forbidden: ['components', 'overlays', 'entrypoints'],
    why: 'the background answers with data; wording for the screen belongs to the views (design.md "Background")',
  },
  components: {
    forbidden: ['storage', 'background', 'overlays', 'entrypoints'],
    why: 'components are views: props in, markup out, no storage or browser APIs (design.md "Components")',
  },
  overlays: {
    forbidden: ['storage', 'background', 'entrypoints'],
    why: 'overlays mount views on the MIS page and ask the background through messages only',
  },
};

const zones = Object.entries(ROOMS).flatMap(([room, { forbidden, why }]) =>
  forbidden.map((other) => ({ target: `./${room}`, from: `./${other}`, message: `${room}/ must not import ${other}/: ${why}.` })),
);

export default [
  { ignores: ['node_modules/**', '.output/**', '.output-e2e/**', '.wxt/**', 'out/**', 'demo/web/**', 'test/fixtures/**/*.html'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    languageOptions: { parser, sourceType: 'module' },
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'import/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Production code never loads test helpers (*.test-support.ts, test/): they would end up in a bundle.
    // The test runner's own config is not production code (the e2e config shares the tests' deadline).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-support.ts', '**/*.e2e.ts', 'test/**', 'bench/**', 'vitest*.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/*.test-support.ts', '**/test/**'], message: 'test helpers are for tests only.' }] }],
    },
  },
];

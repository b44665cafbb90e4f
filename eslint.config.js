// Flat config. Layering rules (ARCHITECTURE.md): core is pure; the renderer reaches core only
// through core/contract, and its state/ and lib/ never reach up into features/; only the preload
// touches ipcRenderer; only security.ts opens URLs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import path from 'node:path';

const coreBans = {
  patterns: [
    {
      group: ['electron', 'electron/*', 'node:*', 'svelte', 'svelte/*', 'cytoscape', 'cytoscape/*'],
      message: 'core is pure TypeScript: inject a port instead.',
    },
    { regex: '(^|/)(renderer|electron)/', message: 'core may not import renderer/ or electron/.' },
  ],
  paths: ['fs', 'path', 'http', 'https', 'net', 'os', 'child_process', 'crypto', 'url', 'buffer'].map(
    (name) => ({ name, message: 'core is pure TypeScript: inject a port instead.' }),
  ),
};

/**
 * Which core folder may import which (docs/ARCHITECTURE.md, "Inside core"), in the manner of
 * VS Code's code-layering check: a relative import is resolved against the importing file, and
 * an import of a core folder not listed for the importer's folder is an error.
 */
const coreLayers = {
  contract: [],
  util: ['contract'],
  model: ['contract', 'util'],
  net: ['contract', 'util'],
  store: ['contract', 'util', 'model', 'net'],
  import: ['contract', 'util', 'model', 'net'],
  plan: ['contract', 'util', 'model', 'net'],
  sim: ['contract', 'util', 'model', 'net', 'plan'],
  drivers: ['contract', 'util', 'model', 'net'],
  export: ['contract', 'util', 'store', 'drivers'],
  diff: ['contract', 'util', 'model', 'net', 'plan'],
  service: ['contract', 'util', 'model', 'net', 'store', 'import', 'plan', 'sim', 'drivers', 'export', 'diff'],
};

const coreLayersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'core folders import only the core folders docs/ARCHITECTURE.md allows' },
    schema: [],
    messages: {
      badLayer: 'core/{{from}} may not import core/{{to}} (allowed: {{allowed}}); see docs/ARCHITECTURE.md, "Inside core".',
      unknownLayer: 'core/{{from}} is not in the layer table: add it to coreLayers in eslint.config.js and to docs/ARCHITECTURE.md.',
    },
  },
  create(context) {
    const file = path.relative(process.cwd(), context.filename).split(path.sep).join('/');
    const [root, from] = file.split('/');
    if (root !== 'core' || from === undefined || from.endsWith('.ts')) return {};
    const allowed = coreLayers[from];
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const [targetRoot, to] = path.posix.normalize(path.posix.join(path.posix.dirname(file), source)).split('/');
      if (targetRoot !== 'core' || to === undefined || to === from || to.endsWith('.ts')) return;
      if (allowed === undefined) context.report({ node, messageId: 'unknownLayer', data: { from } });
      else if (!allowed.includes(to)) {
        context.report({ node, messageId: 'badLayer', data: { from, to, allowed: allowed.join(', ') || 'nothing' } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

const rendererBans = {
  patterns: [
    { group: ['electron', 'electron/*', 'node:*'], message: 'the renderer has no Node or Electron access.' },
    {
      regex: '(^|/)core/(?!contract(/|$))',
      message: 'renderer talks to core only through core/contract.',
    },
    { regex: '(^|/)electron/(main|host)(/|$)', message: 'renderer may not import the host.' },
  ],
};

// State and helpers sit below the views: renderer/state and renderer/lib never import features/.
const rendererStateBans = {
  patterns: [
    ...rendererBans.patterns,
    { regex: '(^|/)features/', message: 'state/ and lib/ sit below the views: move what they share into renderer/lib.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/lint-fixtures/**', '.wicm-tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal']",
          message: 'Use safeOpenExternal from electron/main/security.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    plugins: { local: { rules: { 'core-layers': coreLayersRule } } },
    rules: { 'no-restricted-imports': ['error', coreBans], 'local/core-layers': 'error' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererBans] },
  },
  {
    files: ['renderer/state/**/*.ts', 'renderer/lib/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', rendererStateBans] },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.svelte', 'core/**/*.ts', 'test/**/*.ts'],
    ignores: ['electron/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal']",
          message: 'Use safeOpenExternal from electron/main/security.ts.',
        },
        {
          selector: "ImportDeclaration[source.value='electron'] ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Only the preload may use ipcRenderer.',
        },
      ],
    },
  },
  {
    // The gate itself, and the tests that drive it with fake shells.
    files: ['electron/main/security.ts', 'test/unit/electron/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron/host is Node-only: it runs headless too.' }] },
      ],
    },
  },
);

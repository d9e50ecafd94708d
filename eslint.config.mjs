import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// The layering is enforced here, not hoped for: core <- streams <- trainer <- eval <- pipeline <- cli.
// A stream may import only core, so no stream can import another stream or the trainer. The training
// engine (tfjs-wasm-training) is for any tfjs program, so it imports nothing of ours. The pipeline (the
// jobs as typed functions) imports every library but no app; the CLI only maps flags to its calls.
// `type:types` packages (contracts) hold declarations and frozen constants only: every scope may import
// them, and they import nothing of ours (an empty list: any tagged project is refused) nor any npm package.
const TYPES = 'type:types';
const depConstraints = [
  { sourceTag: TYPES, onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
  { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:engine', onlyDependOnLibsWithTags: ['scope:engine', TYPES] },
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core', TYPES] },
  { sourceTag: 'scope:stream', onlyDependOnLibsWithTags: ['scope:core', TYPES] },
  { sourceTag: 'scope:trainer', onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine', TYPES] },
  { sourceTag: 'scope:eval', onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine', 'scope:trainer', TYPES] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:core', TYPES] },
  {
    sourceTag: 'scope:pipeline',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine', 'scope:trainer', 'scope:eval', 'scope:tools', TYPES],
  },
  {
    sourceTag: 'scope:app',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine', 'scope:trainer', 'scope:eval', 'scope:tools', 'scope:pipeline', TYPES],
  },
  { sourceTag: 'scope:workspace', onlyDependOnLibsWithTags: ['*'] },
];

const noDefaultExport = { selector: 'ExportDefaultDeclaration', message: 'Use named exports: no default exports.' };

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.cache', '**/coverage', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, banTransitiveDependencies: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', noDefaultExport],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@mtssl/*/*'], message: 'Import a package through its public entry (src/index.ts), not a deep path.' },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Core's indexes list their exports by name, so a file's new export stays inside its folder until an index
    // names it, and the package entry publishes only what other packages use (packages/core/README.md, Layout).
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noDefaultExport,
        { selector: 'ExportAllDeclaration', message: 'List exports by name (no export *): core publishes only what is used.' },
      ],
    },
  },
  {
    // The contracts are listed by name (README.md lists every one), so nothing leaves the package unnoticed.
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noDefaultExport,
        { selector: 'ExportAllDeclaration', message: 'List contracts by name (no export *): README.md lists each one.' },
      ],
    },
  },
  {
    // Benchmarks exercise a package through its public entry, as a user would.
    files: ['**/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

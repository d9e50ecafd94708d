import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// The layering is enforced here, not hoped for: core <- streams <- trainer <- eval <- cli.
// A stream may import only core, so no stream can import another stream or the trainer. The training
// engine (tfjs-wasm-training) is for any tfjs program, so it imports nothing of ours.
const depConstraints = [
  { sourceTag: 'scope:engine', onlyDependOnLibsWithTags: ['scope:engine'] },
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:stream', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:trainer', onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine'] },
  { sourceTag: 'scope:eval', onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine', 'scope:trainer'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:core'] },
  {
    sourceTag: 'scope:app',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:stream', 'scope:engine', 'scope:trainer', 'scope:eval', 'scope:tools'],
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
    // Benchmarks exercise a package through its public entry, as a user would.
    files: ['**/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

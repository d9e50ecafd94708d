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
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports: no default exports.' },
      ],
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
    // Benchmarks exercise a package through its public entry, as a user would.
    files: ['**/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

// Shared Jest settings: SWC transpiles TypeScript (type checking is the build's job),
// and workspace packages resolve to their sources so a test never runs stale dist code.
const path = require('node:path');

function jestConfig(projectDir) {
  return {
    displayName: path.basename(projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/*.spec.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    moduleNameMapper: {
      '^@mtssl/tools$': path.join(__dirname, 'tools/src/index.ts'),
      '^@mtssl/([a-z-]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    },
    testTimeout: 120000,
  };
}

module.exports = { jestConfig };

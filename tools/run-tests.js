#!/usr/bin/env node
// The README's test command (`npm test`): builds every package, lints (including the Nx layering
// rules), runs every project's Jest suite, then prints one closing summary line.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const resultsDir = join(root, '.cache', 'test-results');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

function nx(args) {
  const started = Date.now();
  const r = spawnSync('npx', ['nx', ...args, '--outputStyle=static'], { cwd: root, env, stdio: 'inherit' });
  process.stdout.write(`[run-tests] nx ${args.join(' ')}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return r.status === 0;
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const built = nx(['run-many', '-t', 'build', '--parallel=2']);
const linted = built && nx(['run-many', '-t', 'lint', '--parallel=2']);
// One project at a time: suites start worker pools and WASM, and CI has two cores.
const tested = built && nx(['run-many', '-t', 'test', '--parallel=1']);

let passed = 0;
let failed = 0;
let skipped = 0;
let suitesFailed = 0;
if (existsSync(resultsDir)) {
  for (const f of readdirSync(resultsDir)) {
    const r = JSON.parse(readFileSync(join(resultsDir, f), 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests || 0);
    // A suite that cannot even load (a syntax or import error) fails without a failed test.
    suitesFailed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed')).length;
  }
}
if (!built) process.stdout.write('[run-tests] build failed\n');
if (!linted) process.stdout.write('[run-tests] lint failed or did not run\n');
if (built && !tested) process.stdout.write('[run-tests] a test target failed (see above)\n');
process.stdout.write(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped, ${suitesFailed} suites failed to run\n`);
process.exit(built && linted && tested && failed === 0 && suitesFailed === 0 && passed > 0 ? 0 : 1);

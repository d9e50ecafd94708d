// The layering core <- streams <- trainer <- eval <- pipeline <- cli, and the training engine and the contracts importing
// nothing of ours, is enforced by ESLint; these tests lint would-be files through the real config and check the forbidden
// imports are rejected.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function lint(file: string, source: string): { code: number; output: string } {
  const r = spawnSync('npx', ['eslint', '--no-warn-ignored', '--stdin', '--stdin-filename', file], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe('module boundaries', () => {
  it('rejects a stream importing the trainer', () => {
    const r = lint('packages/relative-position/src/bad-import.ts', "import { selectBackend } from '@mtssl/trainer';\nexport const x = selectBackend;\n");
    expect(r.code).toBe(1);
    expect(r.output).toContain('@nx/enforce-module-boundaries');
  });

  it('rejects a stream importing another stream', () => {
    const r = lint('packages/exemplar/src/bad-import.ts', "import { motionStream } from '@mtssl/motion';\nexport const x = motionStream;\n");
    expect(r.code).toBe(1);
    expect(r.output).toContain('@nx/enforce-module-boundaries');
  });

  it('rejects the training engine importing the trainer or core (it serves any tfjs program)', () => {
    const trainer = lint('packages/tfjs-wasm-training/src/bad-import.ts', "import { train } from '@mtssl/trainer';\nexport const x = train;\n");
    expect(trainer.code).toBe(1);
    expect(trainer.output).toContain('@nx/enforce-module-boundaries');
    const core = lint('packages/tfjs-wasm-training/src/bad-import.ts', "import { requirePositiveInt } from '@mtssl/core';\nexport const x = requirePositiveInt;\n");
    expect(core.code).toBe(1);
    expect(core.output).toContain('@nx/enforce-module-boundaries');
  });

  it('rejects a stream importing the training engine', () => {
    const r = lint('packages/motion/src/bad-import.ts', "import { selectBackend } from '@mtssl/tfjs-wasm-training';\nexport const x = selectBackend;\n");
    expect(r.code).toBe(1);
    expect(r.output).toContain('@nx/enforce-module-boundaries');
  });

  it('rejects core importing a stream, and deep imports', () => {
    expect(lint('packages/core/src/bad-import.ts', "import { colorizationStream } from '@mtssl/colorization';\nexport const x = colorizationStream;\n").code).toBe(1);
    const deep = lint('packages/trainer/src/bad-import.ts', "import { Rng } from '@mtssl/core/src/rng';\nexport const x = Rng;\n");
    expect(deep.code).toBe(1);
    expect(deep.output).toMatch(/public entry|deep|no-restricted-imports|enforce-module-boundaries/);
  });

  it('accepts the allowed direction (trainer importing core), so the rule is not rejecting everything', () => {
    const ok = lint('packages/trainer/src/ok-import.ts', "import { Rng } from '@mtssl/core';\nexport const x = Rng;\n");
    expect(ok.output).not.toContain('enforce-module-boundaries');
    expect(ok.code).toBe(0);
  });

  it('accepts the trainer importing the training engine', () => {
    const ok = lint('packages/trainer/src/ok-import.ts', "import { selectBackend } from '@mtssl/tfjs-wasm-training';\nexport const x = selectBackend;\n");
    expect(ok.output).not.toContain('enforce-module-boundaries');
    expect(ok.code).toBe(0);
  });

  it('rejects the contracts importing core (or any package of ours, or an npm package): they are declarations only', () => {
    // core imports the contracts, so this one is also reported as a cycle; the tag rule is shown by the engine
    const core = lint('packages/contracts/src/bad-import.ts', "import { TASKS } from '@mtssl/core';\nexport const x = TASKS;\n");
    expect(core.code).toBe(1);
    expect(core.output).toContain('@nx/enforce-module-boundaries');
    const engine = lint('packages/contracts/src/bad-import.ts', "import { selectBackend } from '@mtssl/tfjs-wasm-training';\nexport const x = selectBackend;\n");
    expect(engine.code).toBe(1);
    expect(engine.output).toContain('"type:types" cannot depend on any libs with tags');
    const npm = lint('packages/contracts/src/bad-import.ts', "import { z } from 'zod';\nexport const x = z;\n");
    expect(npm.code).toBe(1);
    expect(npm.output).toContain('"type:types" is not allowed to import "zod"');
  });

  it('accepts every scope importing the contracts', () => {
    for (const file of ['packages/core/src/ok-import.ts', 'packages/motion/src/ok-import.ts', 'packages/eval/src/ok-import.ts', 'tools/src/ok-import.ts']) {
      const ok = lint(file, "import { TASKS } from '@mtssl/contracts';\nexport const x = TASKS;\n");
      expect(ok.output).not.toContain('enforce-module-boundaries');
      expect(ok.code).toBe(0);
    }
  });

  it('rejects a library below the pipeline importing it (eval, the trainer, a stream)', () => {
    for (const file of ['packages/eval/src/bad-import.ts', 'packages/trainer/src/bad-import.ts', 'packages/motion/src/bad-import.ts']) {
      const r = lint(file, "import { preprocess } from '@mtssl/pipeline';\nexport const x = preprocess;\n");
      expect(r.code).toBe(1);
      expect(r.output).toContain('@nx/enforce-module-boundaries');
    }
  });

  it('accepts the pipeline importing eval, a stream and the tools, and the CLI importing the pipeline', () => {
    const imports = [
      ['packages/pipeline/src/ok-import.ts', "import { runLinearProbe } from '@mtssl/eval';\nimport { motionStream } from '@mtssl/motion';\nimport { ensureDefaultCorpus } from '@mtssl/tools';\nexport const x = [runLinearProbe, motionStream, ensureDefaultCorpus];\n"],
      ['packages/cli/src/ok-import.ts', "import { preprocess } from '@mtssl/pipeline';\nexport const x = preprocess;\n"],
    ];
    for (const [file, source] of imports) {
      const ok = lint(file as string, source as string);
      expect(ok.output).not.toContain('enforce-module-boundaries');
      expect(ok.code).toBe(0);
    }
  });

  it('rejects default exports and any', () => {
    const r = lint('packages/core/src/bad-style.ts', 'const a: any = 1;\nexport default a;\n');
    expect(r.code).toBe(1);
    expect(r.output).toContain('no-explicit-any');
    expect(r.output).toContain('no default exports');
  });
});

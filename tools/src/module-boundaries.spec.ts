// The layering core <- streams <- trainer <- eval, and the training engine importing nothing of ours, is
// enforced by ESLint; these tests lint would-be files through the real config and check the forbidden
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

  it('rejects default exports and any', () => {
    const r = lint('packages/core/src/bad-style.ts', 'const a: any = 1;\nexport default a;\n');
    expect(r.code).toBe(1);
    expect(r.output).toContain('no-explicit-any');
    expect(r.output).toContain('no default exports');
  });
});

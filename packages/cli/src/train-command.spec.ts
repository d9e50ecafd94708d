// `mtssl train` and `mtssl export` as commands: flag errors, and the built CLI stopped by Ctrl-C (exit 130,
// how to resume) or killed with SIGKILL (the rerun reaches an uninterrupted run's weights).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_COMMAND } from './export-command';
import { TRAIN_COMMAND } from './train-command';

describe('train: invalid parameters', () => {
  it('rejects a bad thread count', async () => {
    await expect(TRAIN_COMMAND.run(['--live', '--threads', '0'], new AbortController().signal, () => undefined)).rejects.toThrow('--threads');
  });
});

describe('export: invalid parameters', () => {
  it('names the missing or unknown flag', async () => {
    await expect(EXPORT_COMMAND.run([], new AbortController().signal, () => undefined)).rejects.toThrow('checkpoint');
    await expect(EXPORT_COMMAND.run(['--checkpoint', 'x', '--bogus'], new AbortController().signal, () => undefined)).rejects.toThrow("Unknown option '--bogus'");
    await expect(EXPORT_COMMAND.run(['--checkpoint', join(tmpdir(), 'no-such-run')], new AbortController().signal, () => undefined)).rejects.toThrow(/no-such-run/);
  });
});

describe('train (Ctrl-C)', () => {
  it('checkpoints, says how to resume and exits 130', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const repo = join(__dirname, '..', '..', '..');
    const out = join(mkdtempSync(join(tmpdir(), 'mtssl-sigint-')), 'run');
    const child = spawn(process.execPath, [join(repo, 'packages', 'cli', 'dist', 'main.js'), 'train', '--preset', 'tiny', '--tasks', 'motion', '--steps', '100000', '--out', out], { cwd: repo });
    let stderr = '';
    const code = await new Promise<number | null>((resolveCode) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/step +\d+\/100000/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', resolveCode);
    });
    expect(stderr).toMatch(/stopped: interrupted at step \d+, checkpoint .*ckpt-\d+; add --resume to continue/);
    expect(code).toBe(130);
  }, 300_000);
});

describe('train killed with SIGKILL', () => {
  it('resumes to the weights of an uninterrupted run, leaving no half-written checkpoint', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readFile } = await import('node:fs/promises');
    const repo = join(__dirname, '..', '..', '..');
    const cli = join(repo, 'packages', 'cli', 'dist', 'main.js');
    const root = mkdtempSync(join(tmpdir(), 'mtssl-sigkill-train-'));
    const common = ['train', '--preset', 'tiny', '--tasks', 'motion', '--steps', '60', '--checkpoint-every', '7', '--backend', 'wasm', '--wasm-threads', '1'];
    const killed = join(root, 'killed');
    const child = spawn(process.execPath, [cli, ...common, '--out', killed], { cwd: repo });
    let stderr = '';
    await new Promise<void>((done) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = [...stderr.matchAll(/step +(\d+)\/60/g)].pop();
        if (m && Number(m[1]) >= 20 && !child.killed) child.kill('SIGKILL');
      });
      child.on('close', () => done());
    });
    expect(child.signalCode).toBe('SIGKILL');
    const run = (args: string[]) => new Promise<number | null>((done) => spawn(process.execPath, [cli, ...args], { cwd: repo, stdio: 'ignore' }).on('close', done));
    expect(await run([...common, '--out', killed, '--resume'])).toBe(0);
    const straight = join(root, 'straight');
    expect(await run([...common, '--out', straight])).toBe(0);
    const weights = async (dir: string) => readFile(join(dir, 'ckpt-00000060', 'weights.bin'));
    expect((await weights(killed)).equals(await weights(straight))).toBe(true);
    expect(readdirSync(killed).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 300_000);
});

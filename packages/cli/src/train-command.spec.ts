// `train --live` on the embedded corpus: streams sample while the tiny network trains, no shards between.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { epochSeed } from './live-streams';
import { trainCommand } from './train-command';
import { exportCommand } from './export-command';

const manifest = join(__dirname, '..', '..', '..', 'data-manifests', 'default.json');

describe('train --live', () => {
  it('trains from live streams and resumes where the streams stopped', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mtssl-live-cli-'));
    const out = join(root, 'run');
    const lines: string[] = [];
    const args = ['--manifest', manifest, '--tasks', 'relative-position,motion', '--preset', 'tiny', '--live', '--out', out, '--backend', 'wasm', '--batch-size', '4'];
    await trainCommand([...args, '--steps', '2'], new AbortController().signal, (l) => lines.push(l));
    await trainCommand([...args, '--steps', '4', '--resume', '--no-winograd'], new AbortController().signal, (l) => lines.push(l));
    expect(lines.some((l) => l.includes('(live streams)'))).toBe(true);
    const convolutions = lines.filter((l) => l.startsWith('wasm convolutions:'));
    expect(convolutions).toHaveLength(2);
    expect(convolutions[0]).toContain('Winograd F(2x2, 3x3)');
    expect(convolutions[1]).toContain('Winograd off');
    expect(lines.some((l) => l.startsWith('resumed from'))).toBe(true);
    const records = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: number; task: string });
    expect(records.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    expect(new Set(records.map((r) => r.task))).toEqual(new Set(['relative-position', 'motion']));
    const latest = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as { checkpoint: string };
    const state = JSON.parse(readFileSync(join(out, latest.checkpoint, 'state.json'), 'utf8')) as {
      cursors: Record<string, { position: number }>;
      config: { datasets: Record<string, string> };
    };
    expect(state.cursors['motion']?.position).toBeGreaterThan(0);
    expect(state.config.datasets).toEqual({ 'relative-position': '(live stream)', motion: '(live stream)' });
    // every finished run leaves its trunk as a Layers model too; `export` rewrites it elsewhere on request
    const exported = JSON.parse(readFileSync(join(out, 'layers-model', 'model.json'), 'utf8')) as { format: string; userDefinedMetadata: { mtssl: { source: string } } };
    expect(exported.format).toBe('layers-model');
    expect(exported.userDefinedMetadata.mtssl.source).toBe(join(out, latest.checkpoint));
    const elsewhere = join(root, 'exported');
    await exportCommand(['--checkpoint', out, '--out', elsewhere], (l) => lines.push(l));
    expect(readFileSync(join(elsewhere, 'weights.bin'))).toEqual(readFileSync(join(out, 'layers-model', 'weights.bin')));
    expect(lines[lines.length - 1]).toMatch(/^export: .* -> .*exported\/model\.json \(\d+ layers, [\d,]+ parameters\)$/);
  }, 300_000);

  it('keeps epoch 0 on the run seed and derives the others', () => {
    expect(epochSeed(5, 0)).toBe(5);
    expect(epochSeed(5, 1)).not.toBe(5);
    expect(epochSeed(5, 1)).toBe(epochSeed(5, 1));
    expect(epochSeed(5, 1)).not.toBe(epochSeed(5, 2));
  });

  it('rejects a bad thread count', async () => {
    await expect(trainCommand(['--live', '--threads', '0'], new AbortController().signal, () => undefined)).rejects.toThrow('--threads');
  });
});

describe('export: invalid parameters', () => {
  it('names the missing or unknown flag', async () => {
    await expect(exportCommand([], () => undefined)).rejects.toThrow('checkpoint');
    await expect(exportCommand(['--checkpoint', 'x', '--bogus'], () => undefined)).rejects.toThrow("Unknown option '--bogus'");
    await expect(exportCommand(['--checkpoint', join(tmpdir(), 'no-such-run')], () => undefined)).rejects.toThrow(/no-such-run/);
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

describe('train over a colorization dataset without its extras', () => {
  it('has preprocess repair it first instead of training with uniform class weights', async () => {
    const { readFileSync: read, writeFileSync: write } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'mtssl-extras-'));
    const shards = join(root, 'shards');
    const lines: string[] = [];
    const args = ['--manifest', manifest, '--tasks', 'colorization', '--preset', 'tiny', '--shards', shards, '--backend', 'wasm', '--batch-size', '2', '--steps', '1'];
    await trainCommand([...args, '--out', join(root, 'a')], new AbortController().signal, (l) => lines.push(l));
    const file = join(shards, 'colorization', 'dataset.json');
    const info = JSON.parse(read(file, 'utf8')) as { extras: Record<string, unknown> };
    expect(info.extras).toHaveProperty('rebalance');
    write(file, JSON.stringify({ ...info, extras: {} }));
    lines.length = 0;
    await trainCommand([...args, '--out', join(root, 'b')], new AbortController().signal, (l) => lines.push(l));
    expect(lines.some((l) => l.includes('complete but without its extras'))).toBe(true);
    expect(lines.some((l) => l.includes('using uniform class weights'))).toBe(false);
    expect(JSON.parse(read(file, 'utf8')).extras).toEqual(info.extras);
  }, 300_000);
});

// `mtssl preprocess` as a process: stopped by SIGTERM it exits 130 keeping its work, killed with SIGKILL it
// reruns to the records of an uninterrupted run; and its --shard flag's parsing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetRecordDigests, readDatasetInfo } from '@mtssl/core';
import { preprocess } from '@mtssl/pipeline';
import { PREPROCESS_COMMAND } from './preprocess-command';

let root: string;
let manifest: string;
const quiet = (): void => undefined;
const signal = new AbortController().signal;

/** 16 seeded-noise 32-px JPEGs, and a manifest for them. */
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mtssl-preprocess-'));
  const images = join(root, 'data', 'images');
  mkdirSync(images, { recursive: true });
  let seed = 7;
  for (let i = 0; i < 16; i++) {
    const px = Buffer.alloc(32 * 32 * 3);
    for (let p = 0; p < px.length; p++) px[p] = ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 200) + ((p / 3) % 32) + 20;
    await sharp(px, { raw: { width: 32, height: 32, channels: 3 } }).jpeg({ quality: 90 }).toFile(join(images, `${i}.jpg`));
  }
  manifest = join(root, 'data', 'm.json');
  writeFileSync(manifest, JSON.stringify({ version: 1, name: 'fanout', images: [{ folder: 'images' }] }));
});

const BASE = ['--preset', 'small', '--tasks', 'relative-position,colorization', '--samples', '30', '--preview', '0', '--threads', '1'];
/** The command's pipeline call, as `mtssl preprocess` makes it (in this process). */
const run = (out: string, ...extra: string[]) => preprocess(PREPROCESS_COMMAND.parse(['--manifest', manifest, ...BASE, '--out', out, ...extra]), signal, quiet);


describe('preprocess --shard', () => {
  it('rejects a malformed or out-of-range part', () => {
    expect(() => PREPROCESS_COMMAND.parse(['--shard', '3/3'])).toThrow('shard i/N needs 0 <= i < N, got 3/3');
    expect(() => PREPROCESS_COMMAND.parse(['--shard', 'a/b'])).toThrow('shard must look like i/N');
  });

  it('parses a part into the pipeline option', () => {
    expect(PREPROCESS_COMMAND.parse(['--shard', '1/4']).shard).toEqual({ index: 1, of: 4 });
  });
});

/**
 * Runs the built CLI's preprocess of one task in a child process and sends `sig` once `ready(stderr)` holds
 * (checked on each stderr chunk and every 5 ms); resolves with the exit code, the signal that ended it and
 * its stderr.
 */
async function preprocessUntil(task: string, samples: number, out: string, sig: NodeJS.Signals, ready: (stderr: string) => boolean) {
  const { spawn } = await import('node:child_process');
  const cli = join(__dirname, '..', 'dist', 'main.js');
  const args = [cli, 'preprocess', '--manifest', manifest, '--preset', 'small', '--tasks', task, '--samples', String(samples), '--preview', '0', '--threads', '1', '--out', out];
  const child = spawn(process.execPath, args);
  let stderr = '';
  const check = () => {
    if (!child.killed && child.exitCode === null && ready(stderr)) child.kill(sig);
  };
  const poll = setInterval(check, 5);
  const code = await new Promise<number | null>((done) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      check();
    });
    child.on('close', done);
  });
  clearInterval(poll);
  return { code, signal: child.signalCode, stderr };
}

/** True once the task's progress line has reached `at` positions. */
const progressReached = (task: string, samples: number, at: number) => (stderr: string) => {
  const m = [...stderr.matchAll(new RegExp(`${task}: (\\d+)/${samples}`, 'g'))].pop();
  return m !== undefined && Number(m[1]) >= at;
};

/** True once the dataset lists `count` finished shards (the streams can now outrun the progress lines). */
const shardsListed = (dir: string, count: number) => () => {
  try {
    return (JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as { shards: unknown[] }).shards.length >= count;
  } catch {
    return false; // not written yet (or being replaced)
  }
};

describe('preprocess stopped by SIGTERM (a scheduler ending the job)', () => {
  it('stops, keeps finished work, exits 130, and the rerun finishes the same dataset', async () => {
    const out = join(root, 'sigterm');
    const started = Date.now();
    // enough positions to be still running when the signal comes
    const stopped = await preprocessUntil('colorization', 1200, out, 'SIGTERM', progressReached('colorization', 1200, 1));
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/stopped: .*rerun the same command to resume/);
    expect(Date.now() - started).toBeLessThan(60_000);
    const again = await run(out, '--tasks', 'colorization', '--samples', '1200');
    expect(again.outcomes[0]?.samples).toBeGreaterThan(0);
    expect((await readDatasetInfo(join(out, 'colorization'))).complete).toBe(true);
  }, 180_000);
});

describe('preprocess killed with SIGKILL (no chance to clean up)', () => {
  it('reruns to the same records as an uninterrupted run, the same report, and no temp files', async () => {
    const killed = join(root, 'sigkill');
    // past the first 512-sample shard, inside the second
    const stopped = await preprocessUntil('relative-position', 3000, killed, 'SIGKILL', shardsListed(join(killed, 'relative-position'), 1));
    expect(stopped.signal).toBe('SIGKILL');
    const partial = await readDatasetInfo(join(killed, 'relative-position'));
    expect(partial.complete).toBe(false);
    expect(partial.shards.length).toBeGreaterThanOrEqual(1);
    await run(killed, '--tasks', 'relative-position', '--samples', '3000');
    const straight = join(root, 'sigkill-straight');
    await run(straight, '--tasks', 'relative-position', '--samples', '3000');
    expect(await datasetRecordDigests(join(killed, 'relative-position'))).toEqual(await datasetRecordDigests(join(straight, 'relative-position')));
    const [a, b] = [await readDatasetInfo(join(killed, 'relative-position')), await readDatasetInfo(join(straight, 'relative-position'))];
    expect(a.report?.samplesWritten).toBe(b.report?.samplesWritten);
    expect(a.report?.skipped).toEqual(b.report?.skipped);
    expect(readdirSync(join(killed, 'relative-position')).filter((n) => n.startsWith('.mtssl-tmp.'))).toEqual([]);
  }, 240_000);
});

// A web page served from a loopback HTTP server loads the export with tf.loadLayersModel in headless
// Chromium (Debian's /usr/bin/chromium, as the report test uses) and computes loadTrunk()'s features.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { fakeDataset } from '../testing/fake-datasets';
import { train } from '../train/train';
import { loadTrunk } from '../train/trunk';
import { exportLayersModel } from './export-layers';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const present = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

const PAGE = `<!doctype html><meta charset="utf-8"><title>trunk</title>
<script src="/lib/tf-core.min.js"></script><script src="/lib/tf-backend-cpu.min.js"></script><script src="/lib/tf-layers.min.js"></script>`;

/** The page, the three tfjs bundles from node_modules and the export, nothing else. */
function serve(exportDir: string): Promise<{ server: Server; url: string }> {
  const libs: Record<string, string> = {
    'tf-core.min.js': require.resolve('@tensorflow/tfjs-core/dist/tf-core.min.js'),
    'tf-backend-cpu.min.js': require.resolve('@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.min.js'),
    'tf-layers.min.js': require.resolve('@tensorflow/tfjs-layers/dist/tf-layers.min.js'),
  };
  const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.bin': 'application/octet-stream' };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const file = path === '/' ? null : path.startsWith('/lib/') ? libs[path.slice(5)] : path.startsWith('/model/') ? join(exportDir, path.slice(7).replace(/\.\./g, '')) : undefined;
    if (file === null) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

describe('the exported trunk in headless Chromium', () => {
  if (!present && inCi) {
    it('needs Chromium', () => {
      throw new Error(`${CHROMIUM} not found: install it with "bash tools/install-chromium.sh"`);
    });
    return;
  }
  const maybe = present ? it : it.skip;
  maybe('tf.loadLayersModel loads it from HTTP and gives the same features', async () => {
    await tf.setBackend('cpu');
    const root = await mkdtemp(join(tmpdir(), 'mtssl-export-browser-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const { server, url } = await serve(join(root, 'run', 'layers-model'));
    try {
      const run = join(root, 'run');
      await train({
        datasets: { motion: fakeDataset('motion', { count: 8, side: 32, targetSide: 4 }) },
        outDir: run, preset: 'tiny', stride8: true, lasso: true, backend: 'cpu', batchSize: 4, steps: 3, learningRate: 1e-2, bnMomentum: 0,
        handleSignals: false, logger: { info: () => undefined, warn: () => undefined },
      });
      await exportLayersModel(run, join(run, 'layers-model'));
      const shape = [1, 24, 28, 3];
      const input = Array.from(tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', 3).dataSync()));
      const trunk = await loadTrunk(run);
      const expected = tf.tidy(() => Array.from(trunk.features(tf.tensor4d(input, shape as [number, number, number, number])).dataSync()));
      trunk.dispose();

      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url, { waitUntil: 'load' });
      const actual = await page.evaluate(
        async ([values, dims]) => {
          const g = globalThis as unknown as { tf: { loadLayersModel(u: string): Promise<{ predict(x: unknown): { dataSync(): Float32Array } }>; tensor(v: number[], s: number[]): unknown } };
          const model = await g.tf.loadLayersModel('/model/model.json');
          return Array.from(model.predict(g.tf.tensor(values as number[], dims as number[])).dataSync());
        },
        [input, shape] as const,
      );
      expect(errors).toEqual([]);
      expect(actual).toHaveLength(expected.length);
      const scale = Math.max(...expected.map(Math.abs));
      expect(scale).toBeGreaterThan(0.1);
      expect(Math.max(...actual.map((v, i) => Math.abs(v - (expected[i] as number))))).toBeLessThan(1e-4 * Math.max(1, scale));
    } finally {
      await browser.close();
      server.close();
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});

// Opens the report in headless Chromium (Debian's /usr/bin/chromium) and checks it loads without
// console errors and that every plot has drawn, visible geometry.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeFixtureReport } from './testing/report-fixture';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const present = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

describe('report in headless Chromium', () => {
  if (!present && inCi) {
    it('needs Chromium', () => {
      throw new Error(`${CHROMIUM} not found: install it with "apt-get update && apt-get install -y chromium"`);
    });
    return;
  }
  const maybe = present ? it : it.skip;
  maybe('loads with no console errors and draws every plot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eval-browser-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const out = await writeFixtureReport(dir);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(out.htmlFile).href, { waitUntil: 'load' });
      const drawn = await page.evaluate(() => {
        const box = (e: Element): number[] => {
          const b = (e as SVGGraphicsElement).getBBox();
          return [b.width, b.height];
        };
        return {
          paths: [...document.querySelectorAll('svg.line-chart path.series')].map((p) => ({ d: p.getAttribute('d') ?? '', box: box(p) })),
          cells: [...document.querySelectorAll('svg.heatmap rect.cell')].map(box),
          // every text of the heatmap lies inside its svg (nothing cut off), and the colour scale is drawn
          heatmapTextInside: [...document.querySelectorAll('svg.heatmap text')].every((t) => {
            const b = (t as SVGGraphicsElement).getBBox();
            const w = Number((t.closest('svg') as SVGSVGElement).getAttribute('width'));
            return b.x >= 0 && b.x + b.width <= w && b.width > 0;
          }),
          scale: [...document.querySelectorAll('svg.heatmap rect.scale')].map(box),
          images: [...document.querySelectorAll('img.preview')].map((i) => (i as HTMLImageElement).naturalWidth),
        };
      });
      expect(errors).toEqual([]);
      expect(drawn.paths).toHaveLength(4); // loss and accuracy, two tasks each
      for (const p of drawn.paths) {
        expect(p.d.length).toBeGreaterThan(20);
        expect(p.box[0]).toBeGreaterThan(0);
        expect(p.box[1]).toBeGreaterThan(0);
      }
      expect(drawn.cells).toHaveLength(8);
      expect(drawn.cells.every(([w, h]) => (w as number) > 0 && (h as number) > 0)).toBe(true);
      expect(drawn.heatmapTextInside).toBe(true);
      expect(drawn.scale).toHaveLength(1);
      expect(drawn.images).toEqual([40]);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

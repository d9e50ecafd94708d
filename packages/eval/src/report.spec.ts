import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { writeRunReport } from './report';
import { writeFixtureReport } from './testing/report-fixture';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-report-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('writeRunReport', () => {
  it('writes one self-contained HTML page and PNG plots', async () => {
    const out = await writeFixtureReport(dir);
    const html = await readFile(out.htmlFile, 'utf8');
    expect(html).toContain('<title>Run &lt;test&gt;</title>');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).toContain('<td>RP+Col</td>');
    // Nothing is fetched: no external scripts, stylesheets or image URLs.
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(Object.keys(out.pngFiles).sort()).toEqual(['accuracy', 'lasso', 'loss']);
    const meta = await sharp(out.pngFiles.loss as string).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(1280); // 640 px SVG at density 144
    const stats = await sharp(out.pngFiles.loss as string).stats();
    expect(stats.channels[0]?.min).toBeLessThan(100); // something dark was drawn on the white page
  });

  describe('invalid parameters', () => {
    it('rejects an empty report and a missing outDir', async () => {
      await expect(writeRunReport({ outDir: join(dir, 'empty'), title: 'x' })).rejects.toThrow('nothing to report');
      await expect(writeRunReport({ outDir: '', title: 'x', previews: ['a.png'] })).rejects.toThrow('outDir is required');
    });
    it('rejects a log with no usable records', async () => {
      const log = join(dir, 'bad.jsonl');
      await import('node:fs/promises').then((fs) => fs.writeFile(log, '{"step":1}\n'));
      await expect(writeRunReport({ outDir: join(dir, 'bad'), title: 'x', logFile: log })).rejects.toThrow(`${log}: no records with {step, task, loss}`);
    });
  });
});

import { compareToBaselines, differenceStandardError, gapFraction } from './comparison';
import { comparisonHtml, comparisonMarkdown } from './comparison-render';

const rows = [
  { name: 'random init', top1: 0.2, top5: 0.5 },
  { name: 'RP', top1: 0.35, top5: 0.6 },
  { name: 'supervised', top1: 0.8, top5: 0.9 },
];

describe('gapFraction', () => {
  it('maps random to 0, supervised to 1, linearly between and beyond', () => {
    expect(gapFraction(0.2, 0.2, 0.8)).toBe(0);
    expect(gapFraction(0.8, 0.2, 0.8)).toBe(1);
    expect(gapFraction(0.5, 0.2, 0.8)).toBeCloseTo(0.5);
    expect(gapFraction(0.1, 0.2, 0.8)).toBeCloseTo(-1 / 6);
    expect(gapFraction(0.5, 0.4, 0.4)).toBeNull();
  });
});

describe('compareToBaselines', () => {
  it('computes the gap closed per row for top-1 and top-5', () => {
    const c = compareToBaselines(rows);
    expect(c.rows.map((r) => r.gap1)).toEqual([0, expect.closeTo(0.25, 10), 1]);
    expect(c.rows.map((r) => r.gap5)).toEqual([0, expect.closeTo(0.25, 10), 1]);
    expect(c.hasTop2).toBe(false);
  });

  it('renders Markdown and HTML with the figures and escaped names', () => {
    const c = compareToBaselines([...rows, { name: 'a|b <all>', top1: 0.5, top5: 0.7 }]);
    const md = comparisonMarkdown(c);
    expect(md).toContain('| RP | 35.0 | 60.0 | 25% | 25% |');
    expect(md).toContain('| a\\|b <all> | 50.0 | 70.0 | 50% | 50% |');
    const html = comparisonHtml(c);
    expect(html).toContain('<td>a|b &lt;all&gt;</td>');
    expect(html.match(/<tr>/g)).toHaveLength(5);
  });

  it('hides the gap, saying why, when the ceiling is not clear of the test set noise', () => {
    const flat = [
      { name: 'random init', top1: 0.6, top5: 0.9 },
      { name: 'RP', top1: 0.58, top5: 0.9 },
      { name: 'supervised', top1: 0.57, top5: 0.95 },
    ];
    const below = compareToBaselines(flat, { testImages: 500 });
    expect(below.rows.map((r) => r.gap1)).toEqual([null, null, null]);
    expect(below.gapHidden).toMatch(/^gap closed not shown: supervised \(57.0 %\) vs random init \(60.0 %\) differ by less than two standard errors \(6.2 points on 500 test images\)/);
    expect(comparisonMarkdown(below)).toContain('| RP | 58.0 | 90.0 | n/a | n/a |');
    expect(comparisonMarkdown(below)).toContain('Gap closed not shown');
    // the same lead on 50,000 images is clear of the noise... when it is positive
    expect(compareToBaselines(flat.map((r) => (r.name === 'supervised' ? { ...r, top1: 0.62 } : r)), { testImages: 50_000 }).gapHidden).toBeNull();
    expect(compareToBaselines(flat).gapHidden).toMatch(/the ceiling is not above random init/);
    expect(differenceStandardError(0.5, 0.5, 100)).toBeCloseTo(Math.sqrt(0.5 / 100), 12);
  });

  it('adds top-2 columns when every row has top-2', () => {
    const c = compareToBaselines(rows.map((r, i) => ({ ...r, top2: [0.4, 0.5, 0.9][i] as number })));
    expect(c.rows[1]?.gap2).toBeCloseTo(0.2);
    expect(comparisonMarkdown(c)).toContain('| RP | 35.0 | 60.0 | 50.0 | 25% | 25% | 20% |');
  });

  describe('invalid parameters', () => {
    it('needs both baseline rows', () => {
      expect(() => compareToBaselines(rows.slice(1))).toThrow('no random-init row named "random init" (rows: RP, supervised)');
      expect(() => compareToBaselines(rows, { supervisedName: 'imagenet' })).toThrow('no supervised row named "imagenet"');
    });
    it('rejects accuracies outside [0, 1]', () => {
      expect(() => compareToBaselines([...rows, { name: 'x', top1: 35, top5: 0.5 }])).toThrow('row "x": top1 must be a number in [0, 1], got 35');
    });
  });
});

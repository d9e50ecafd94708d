import { heatmapSvg } from './heatmap';
import { lineChartSvg } from './line-chart';
import { formatTick, linearScale, niceTicks } from './svg-scale';
import { parseTrainingLog, seriesByTask } from './training-log';

describe('svg scales', () => {
  it('maps linearly and picks round ticks', () => {
    expect(linearScale(0, 10, 100, 200).map(5)).toBe(150);
    expect(linearScale(3, 3, 0, 10).map(3)).toBe(5);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 97)).toEqual([20, 40, 60, 80]);
    expect(formatTick(0.30000000000000004)).toBe('0.3');
  });
});

describe('lineChartSvg', () => {
  it('draws one path per series with all finite points', () => {
    const svg = lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', series: [
      { name: 'a<b', points: [[0, 1], [1, 0.5], [2, Number.NaN], [3, 0.2]] },
      { name: 'c', points: [[0, 2]] },
    ] });
    const paths = [...svg.matchAll(/<path class="series" data-series="([^"]*)" d="([^"]*)"/g)];
    expect(paths.map((m) => m[1])).toEqual(['a&lt;b', 'c']);
    expect(paths[0]?.[2]?.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
  });
});

describe('heatmapSvg', () => {
  it('draws a cell per value', () => {
    const svg = heatmapSvg({ title: 'a', rowLabels: ['rp', 'col'], colLabel: 'unit', values: [[0, 1, 2], [3, 0, 0]] });
    expect(svg.match(/<rect class="cell"/g)).toHaveLength(6);
  });

  it('is wide enough for its title and axis label with two columns, and has a colour scale from 0 to the max', () => {
    const title = 'Lasso |alpha|: which block-3 unit each task reads';
    const svg = heatmapSvg({ title, rowLabels: ['relative-position', 'eval'], colLabel: 'block-3 unit', values: [[0.5, 0.25], [0.1, 0.9]] });
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThanOrEqual(title.length * 12 * 0.62);
    expect(svg).toContain('<rect class="scale"');
    expect(svg).toContain('>0.900</text>');
    expect(svg).toContain('>block-3 unit (0..1)</text>');
  });
  describe('invalid parameters', () => {
    it('rejects ragged or mislabelled matrices', () => {
      expect(() => heatmapSvg({ title: 'a', rowLabels: ['x'], colLabel: 'u', values: [[1], [2]] })).toThrow('got 2 rows for 1 labels');
      expect(() => heatmapSvg({ title: 'a', rowLabels: ['x', 'y'], colLabel: 'u', values: [[1, 2], [2]] })).toThrow('same, non-zero number of values');
    });
  });
});

describe('parseTrainingLog', () => {
  it('keeps {step, task, loss} records, groups them by task, ignores other lines', () => {
    const text = ['{"run":"x"}', '{"step":2,"task":"rp","loss":1.5,"accuracy":0.3}', '', '{"step":1,"task":"rp","loss":2}', '{"step":1,"task":"col","loss":5}'].join('\n');
    const records = parseTrainingLog(text);
    expect(records).toHaveLength(3);
    expect(seriesByTask(records, 'loss')).toEqual([{ name: 'rp', points: [[1, 2], [2, 1.5]] }, { name: 'col', points: [[1, 5]] }]);
    expect(seriesByTask(records, 'accuracy')).toEqual([{ name: 'rp', points: [[2, 0.3]] }]);
  });
  describe('invalid parameters', () => {
    it('names the line that is not JSON', () => {
      expect(() => parseTrainingLog('{"step":1,"task":"a","loss":1}\n{oops', 'run/log.jsonl')).toThrow('run/log.jsonl:2: not valid JSON');
    });
  });
});

import { BadInputError, RunReport } from './bad-input';

describe('RunReport and the bad-input policy', () => {
  it('skip: records each bad file once with its reason and counts by reason', () => {
    const report = new RunReport('colorization', 'skip');
    report.badInput('/data/a.jpg', 'corrupt image: premature end of JPEG');
    report.badInput('/data/a.jpg', 'corrupt image: again');
    report.badInput('/data/b.jpg', 'too small: 10x10 < 64');
    report.inputsSeen = 5;
    report.samplesWritten = 3;
    const json = report.toJSON();
    expect(json.skipped).toEqual([
      { file: '/data/a.jpg', reason: 'corrupt image: premature end of JPEG' },
      { file: '/data/b.jpg', reason: 'too small: 10x10 < 64' },
    ]);
    expect(json.skippedByReason).toEqual({ 'corrupt image': 1, 'too small': 1 });
    expect(report.isSkipped('/data/b.jpg')).toBe(true);
    expect(report.summary()).toContain('3 samples from 5 inputs, 2 skipped (1 corrupt image, 1 too small)');
    expect(report.summary()).toContain('skipped /data/b.jpg: too small');
  });

  it('fail: throws an error naming the file and the problem', () => {
    const report = new RunReport('motion', 'fail');
    expect(() => report.badInput('/v/x.mp4', 'truncated video')).toThrow(BadInputError);
    expect(() => report.badInput('/v/x.mp4', 'truncated video')).toThrow('/v/x.mp4: truncated video');
  });

  it('merges reports from resumed parts', () => {
    const a = new RunReport('exemplar');
    a.badInput('/1.jpg', 'zero-byte file');
    a.inputsSeen = 2;
    const b = new RunReport('exemplar');
    b.badInput('/2.jpg', 'not an image: text');
    b.inputsSeen = 3;
    b.samplesWritten = 4;
    a.merge(b.toJSON());
    expect(a.toJSON().skipped.map((s) => s.file)).toEqual(['/1.jpg', '/2.jpg']);
    expect(a.inputsSeen).toBe(5);
    expect(a.samplesWritten).toBe(4);
  });
});

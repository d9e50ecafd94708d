import { compareSettings } from './dataset-settings';

const meta = { task: 'motion', seed: 0, total: 100, manifest: '../m.json', manifestSha256: 'a'.repeat(64), options: { height: 32, chunkSize: 8, ffmpegThreads: 1 } };

describe('compareSettings', () => {
  it('ignores where the manifest lies and the options that only change speed', () => {
    expect(compareSettings(meta, { ...meta, manifest: '/elsewhere/m.json', options: { ...meta.options, chunkSize: 128, ffmpegThreads: 2 } })).toEqual({ kind: 'same' });
  });

  it('names the first setting that differs, nested or not', () => {
    expect(compareSettings(meta, { ...meta, options: { ...meta.options, height: 60 } })).toEqual({ kind: 'differs', what: 'options.height: 32 stored, 60 now' });
    expect(compareSettings(meta, { ...meta, manifestSha256: 'b'.repeat(64) })).toMatchObject({ kind: 'differs', what: expect.stringMatching(/^manifestSha256: /) });
  });

  it('grows when only the total rises, refuses a smaller total, and accepts datasets written before the digest', () => {
    expect(compareSettings(meta, { ...meta, total: 150 })).toEqual({ kind: 'grow', from: 100 });
    expect(compareSettings(meta, { ...meta, total: 50 })).toMatchObject({ kind: 'differs', what: expect.stringMatching(/^total: 100 stored, 50 now/) });
    const { manifestSha256: _d, ...old } = meta;
    expect(compareSettings({ ...old, manifest: '/abs/m.json' }, meta)).toEqual({ kind: 'same' });
  });
});

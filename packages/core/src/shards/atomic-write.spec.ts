import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicFile, TEMP_PREFIX, cleanTempFiles, writeFileAtomic } from './atomic-write';
import { makeTempDir, removeDir } from '../testing/shard-fixtures';

describe('atomic writes', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('replaces the target only on commit', async () => {
    const target = join(dir, 'x.json');
    writeFileSync(target, 'old');
    const file = await AtomicFile.create(target);
    await file.write(Buffer.from('new '));
    await file.write(Buffer.from('content'));
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(file.tempPath.startsWith(join(dir, TEMP_PREFIX))).toBe(true);
    await file.commit();
    expect(readFileSync(target, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['x.json']);
    await expect(file.commit()).rejects.toThrow('already closed');
  });

  it('leaves the target untouched on abort', async () => {
    const target = join(dir, 'y.bin');
    const file = await AtomicFile.create(target);
    await file.write(Buffer.from('partial'));
    await file.abort();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes whole files', async () => {
    await writeFileAtomic(join(dir, 'z.txt'), 'hello');
    expect(readFileSync(join(dir, 'z.txt'), 'utf8')).toBe('hello');
  });

  it('cleans temp files a killed writer left, and nothing else', async () => {
    const killed = await AtomicFile.create(join(dir, 'a.tfrecord'));
    await killed.write(Buffer.from('half'));
    writeFileSync(join(dir, 'keep.txt'), 'k');
    expect(await cleanTempFiles(dir)).toEqual([killed.tempPath.slice(dir.length + 1)]);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    await killed.abort();
  });

  it('fails in a missing directory', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'z.txt'), 'x')).rejects.toThrow(/ENOENT/);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskedCrc32c } from './crc32c';
import { RECORD_OVERHEAD, RecordFileReader, frameRecord, readRecords } from './record-io';
import { makeTempDir, removeDir } from '../testing/shard-fixtures';

describe('frameRecord', () => {
  it('lays out length, length CRC, data, data CRC (little-endian)', () => {
    const data = Buffer.from('123456789');
    const frame = frameRecord(data);
    expect(frame.length).toBe(9 + RECORD_OVERHEAD);
    expect([...frame.subarray(0, 8)]).toEqual([9, 0, 0, 0, 0, 0, 0, 0]);
    expect(frame.readUInt32LE(8)).toBe(maskedCrc32c(frame.subarray(0, 8)));
    expect(frame.subarray(12, 21).toString()).toBe('123456789');
    // masked CRC32C of "123456789": rotr15(0xE3069283) + 0xa282ead8
    expect(frame.readUInt32LE(21)).toBe(0xc78ab0e5) // computed independently in Python;
  });
});

describe('reading records', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  const datas = [Buffer.from('first'), Buffer.alloc(0), Buffer.alloc(3000, 7)];
  function writeShard(name: string, mutate?: (b: Buffer) => Buffer): string {
    const file = join(dir, name);
    const bytes = Buffer.concat(datas.map((d) => frameRecord(d)));
    writeFileSync(file, mutate ? mutate(bytes) : bytes);
    return file;
  }

  it('reads every record back in order', async () => {
    const file = writeShard('a-00000.tfrecord');
    const got: Buffer[] = [];
    for await (const r of readRecords(file)) got.push(Buffer.from(r.data));
    expect(got).toEqual(datas);
  });

  it('reads by offset with a small read-ahead', async () => {
    const reader = await RecordFileReader.open(writeShard('a-00000.tfrecord'), 0);
    try {
      const third = await reader.readAt(2 * RECORD_OVERHEAD + 5, 2, 3000);
      expect(Buffer.from(third.data)).toEqual(datas[2]);
      expect(third.next).toBe(reader.size);
    } finally {
      await reader.close();
    }
  });

  it('reports truncation with the shard name, record, offset and sizes', async () => {
    const file = writeShard('foo-00003.tfrecord', (b) => b.subarray(0, b.length - 1000));
    const read = async () => {
      for await (const r of readRecords(file)) void r;
    };
    await expect(read()).rejects.toThrow('shard foo-00003.tfrecord is truncated: record 2 at byte 37 needs 3016 bytes, 2016 remain');
  });

  it('reports a truncated header', async () => {
    const file = writeShard('foo-00001.tfrecord', (b) => b.subarray(0, 5));
    const reader = await RecordFileReader.open(file);
    await expect(reader.readAt(0, 0)).rejects.toThrow('shard foo-00001.tfrecord is truncated: record 0 at byte 0 needs 12 bytes, 5 remain');
    await reader.close();
  });

  it('detects a flipped data byte by its CRC', async () => {
    const file = writeShard('bad-00000.tfrecord', (b) => {
      b[12 + 2] ^= 0x10;
      return b;
    });
    const read = async () => {
      for await (const r of readRecords(file)) void r;
    };
    await expect(read()).rejects.toThrow(/shard bad-00000.tfrecord is damaged: record 0 at byte 0 has a bad data CRC/);
  });

  it('detects a damaged length by its CRC', async () => {
    const file = writeShard('bad-00000.tfrecord', (b) => {
      b[21] ^= 0x01; // second record's length
      return b;
    });
    const read = async () => {
      for await (const r of readRecords(file)) void r;
    };
    await expect(read()).rejects.toThrow(/record 1 at byte 21 has a bad length CRC/);
  });
});

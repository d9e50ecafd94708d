import { crc32c, maskCrc, maskedCrc32c } from './crc32c';

function bitwiseCrc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32c', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
  });

  it('matches the RFC 3720 vectors', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
  });

  it('is 0 for empty input', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('agrees with a bit-by-bit reference on every length around the 8-byte stride', () => {
    const data = Uint8Array.from({ length: 67 }, (_, i) => (i * 131 + 7) & 0xff);
    for (let n = 0; n <= data.length; n++) {
      expect(crc32c(data.subarray(0, n))).toBe(bitwiseCrc32c(data.subarray(0, n)));
    }
  });

  it('continues across chunks', () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff);
    expect(crc32c(data.subarray(37), crc32c(data.subarray(0, 37)))).toBe(crc32c(data));
  });
});

describe('maskCrc', () => {
  it('rotates right by 15 and adds 0xa282ead8 mod 2^32', () => {
    expect(maskCrc(0)).toBe(0xa282ead8);
    expect(maskCrc(0x00008000)).toBe((1 + 0xa282ead8) >>> 0);
    // 0xffffffff rotated is 0xffffffff; adding wraps
    expect(maskCrc(0xffffffff)).toBe((0xffffffff + 0xa282ead8) % 2 ** 32);
  });

  it('masks the crc of data', () => {
    const data = Buffer.from('123456789');
    expect(maskedCrc32c(data)).toBe(maskCrc(0xe3069283));
  });
});

// Reading an image file's bytes with one open: the streams hand libvips a buffer, so it does not open
// and re-open the path for its header and its pixels, and a FIFO or folder is refused without blocking.
import { constants } from 'node:fs';
import { FileHandle, open } from 'node:fs/promises';
import { BadImage } from './bad-image';

function unreadable(err: unknown): BadImage {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const why = code === 'ENOENT' ? 'no such file (or a dangling link)' : `${code} ${(err as Error).message.split('\n')[0]}`;
  return new BadImage(`unreadable: ${why}`);
}

/**
 * The whole file if it is a non-empty regular file; otherwise a BadImage naming why (missing or dangling
 * link, a folder, a FIFO, a device, empty, unreadable).
 */
export async function readImageBytes(file: string): Promise<Buffer> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer for ever
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw unreadable(err);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BadImage(`not a regular file (${info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a FIFO' : 'a device or socket'})`);
    if (info.size === 0) throw new BadImage('empty file: 0 bytes');
    return await readWhole(handle, info.size);
  } catch (err) {
    throw err instanceof BadImage ? err : unreadable(err);
  } finally {
    await handle.close();
  }
}

/** One read of the size fstat gave (a file that grows meanwhile keeps its first `size` bytes). */
async function readWhole(handle: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const { bytesRead } = await handle.read(bytes, got, size - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === size ? bytes : bytes.subarray(0, got);
}

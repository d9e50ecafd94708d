// Files appear whole or not at all: data goes to a temp file in the target's directory (same file
// system, so rename is atomic), is fsynced, then renamed over the target; the directory is fsynced so
// the rename itself survives a crash. A killed run leaves only temp files, which writers clean on open.
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const TEMP_PREFIX = '.mtssl-tmp.';

function tempPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}`);
}

/** fsyncs a directory so a rename in it is durable; some platforms cannot open directories, which is fine. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // best effort: Windows and some file systems refuse to open or sync a directory
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** A file written piece by piece that replaces its target only on commit(). */
export class AtomicFile {
  private closed = false;
  bytesWritten = 0;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(target: string): Promise<AtomicFile> {
    const tempPath = tempPathFor(target);
    return new AtomicFile(target, tempPath, await open(tempPath, 'wx'));
  }

  async write(chunk: Uint8Array): Promise<void> {
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.fh.write(chunk, done, chunk.length - done);
      done += bytesWritten;
    }
    this.bytesWritten += chunk.length;
  }

  /** fsync, rename over the target, fsync the directory. */
  async commit(): Promise<void> {
    if (this.closed) throw new Error(`${this.target}: atomic file already closed`);
    this.closed = true;
    try {
      await this.fh.sync();
    } finally {
      await this.fh.close();
    }
    await rename(this.tempPath, this.target);
    await fsyncDir(dirname(this.target));
  }

  /** Drops the temp file; the target is untouched. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}

/** Writes a whole file atomically. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const file = await AtomicFile.create(target);
  try {
    await file.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

/** Removes temp files a killed writer left in `dir`; returns their names. */
export async function cleanTempFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(TEMP_PREFIX));
  await Promise.all(names.map((n) => rm(join(dir, n), { force: true })));
  return names;
}

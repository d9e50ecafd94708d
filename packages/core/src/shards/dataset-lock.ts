// One writer per dataset folder: two runs writing the same shards (two `preprocess` in two terminals, two
// experiments sharing a shards folder) would delete each other's temp files and interleave dataset.json.
// The lock is a file created exclusively; one left by a killed run names a dead process and is taken over.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { DatasetError } from './dataset-format';

export const LOCK_FILE = '.mtssl-writer.lock';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** Tells this lock from a later one in the same folder, so release() never removes another's. */
  readonly token: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, since: String(owner.since ?? '?'), token: String(owner.token ?? '') };
  } catch {
    // gone meanwhile, or half written by a run killed between create and write: not a live owner
    return undefined;
  }
}

/** Whether the owner may still be writing: alive on this host, or on another host we cannot check. */
function mayBeLive(owner: LockOwner): boolean {
  return owner.host !== hostname() || isAlive(owner.pid);
}

async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  try {
    const fh = await open(file, 'wx');
    try {
      await fh.writeFile(JSON.stringify(owner));
    } finally {
      await fh.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** A held lock on a dataset folder; release() is idempotent. */
export class DatasetLock {
  private released = false;

  private constructor(
    readonly file: string,
    private readonly token: string,
  ) {}

  /** Takes the folder's lock, or throws a DatasetError naming the folder and the process that holds it. */
  static async acquire(dir: string): Promise<DatasetLock> {
    const file = join(dir, LOCK_FILE);
    const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await tryCreate(file, me)) return new DatasetLock(file, me.token);
      const owner = await readOwner(file);
      if (owner && mayBeLive(owner)) {
        throw new DatasetError(
          `${dir} is being written by another process (pid ${owner.pid} on ${owner.host}, since ${owner.since}); ` +
            `wait for it to finish, or delete ${file} if no such run is active`,
        );
      }
      // left by a run that was killed: take it over
      await rm(file, { force: true });
    }
    throw new DatasetError(`${dir}: could not take the writer lock ${file} (another process keeps taking it)`);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    // a writer that was taken for dead (a test's simulated kill, a frozen process) must not free its successor's lock
    if ((await readOwner(this.file))?.token === this.token) await rm(this.file, { force: true });
  }
}

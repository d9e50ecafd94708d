// `machineDescription`: the machine and checkout a bench run measured, written at the head of its dated
// record (`mtssl bench --record`), since figures from another CPU, another core count or an uncommitted tree
// are not comparable with the README's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, release, totalmem, type } from 'node:os';

export interface MachineDescription {
  readonly cpu: string;
  readonly logicalCores: number;
  readonly memoryGiB: number;
  /** Whether the CPU flags include avx512f; undefined where /proc/cpuinfo is not there to say (not Linux). */
  readonly avx512f: boolean | undefined;
  /** process.version. */
  readonly node: string;
  /** OS name, kernel release (os.release()) and architecture. */
  readonly os: string;
  /** `git rev-parse --short HEAD`, plus ` (dirty)` when `git status --porcelain` lists anything; undefined without git or a checkout. */
  readonly commit: string | undefined;
}

/** The first value of `key` in /proc/cpuinfo's text (`model name`, `flags`): the fields repeat once a core. */
function cpuinfoField(cpuinfo: string, key: string): string | undefined {
  for (const line of cpuinfo.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim() === key) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** The CPU model and avx512f from /proc/cpuinfo's text, os.cpus() where it names no model (arm64) or is absent. */
export function describeCpu(cpuinfo: string | undefined): { readonly cpu: string; readonly avx512f: boolean | undefined } {
  const model = cpuinfo === undefined ? undefined : cpuinfoField(cpuinfo, 'model name');
  // x86 lists `flags`, arm64 `Features` (which never holds avx512f, so it answers "no" rather than "unknown")
  const flags = cpuinfo === undefined ? undefined : (cpuinfoField(cpuinfo, 'flags') ?? cpuinfoField(cpuinfo, 'Features'));
  return { cpu: model || cpus()[0]?.model || 'unknown', avx512f: flags === undefined ? undefined : flags.split(/\s+/).includes('avx512f') };
}

function git(args: readonly string[], cwd: string): string | undefined {
  try {
    // a large untracked tree can list many lines: a generous buffer, so "dirty" is not lost to ENOBUFS
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 2 ** 20 }).trim();
  } catch {
    return undefined; // no git, or not a checkout: the record says "unknown"
  }
}

/** The checkout's commit, ` (dirty)` appended when it has uncommitted changes; undefined without git. */
export function gitCommit(cwd: string): string | undefined {
  const head = git(['rev-parse', '--short', 'HEAD'], cwd);
  if (!head) return undefined;
  return git(['status', '--porcelain'], cwd) ? `${head} (dirty)` : head;
}

function readCpuinfo(): string | undefined {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return undefined;
  }
}

/** This machine, and the checkout at `cwd` (the repository root the benchmarks run from). */
export function machineDescription(cwd: string = process.cwd()): MachineDescription {
  return {
    ...describeCpu(readCpuinfo()),
    logicalCores: cpus().length,
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${type()} ${release()} (${arch()})`,
    commit: gitCommit(cwd),
  };
}

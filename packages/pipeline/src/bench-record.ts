// `recordBenchRun` (`mtssl bench --record <dir>`): a bench run's figures in a dated Markdown file, beside the
// machine, commit and command line they came from, so the history of measurements lives in docs/results and
// the READMEs keep only the current figures. A later run the same day is appended to that day's file.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@mtssl/core';
import { MachineDescription, machineDescription } from './bench-machine';

/** What a bench run measured; it names the file. */
export type BenchMode =
  | { readonly kind: 'packages'; readonly only?: readonly string[] }
  | { readonly kind: 'stream'; readonly task: string; readonly threads: number }
  | { readonly kind: 'demand' };

/** One `## heading` of a record: captured output (a fenced block), Markdown as is, or a JSON result as a table. */
export type BenchSection =
  | { readonly heading: string; readonly output: string }
  | { readonly heading: string; readonly markdown: string }
  | { readonly heading: string; readonly fields: object };

export interface BenchRecord {
  readonly mode: BenchMode;
  /** The command line as run. */
  readonly command: string;
  readonly sections: readonly BenchSection[];
  /** When the run started; default now. Dates and times are UTC, so a file's day does not depend on the zone. */
  readonly when?: Date;
  /** Default: machineDescription() of the working directory. */
  readonly machine?: MachineDescription;
}

/** packages, the --only list joined by '-', stream-<task>-<threads>w or demand. */
function benchWhat(mode: BenchMode): string {
  if (mode.kind === 'stream') return `stream-${mode.task}-${mode.threads}w`;
  if (mode.kind === 'demand') return 'demand';
  return mode.only?.length ? mode.only.join('-') : 'packages';
}

/** `<YYYY-MM-DD>-bench-<what>.md`, the day in UTC. */
export function benchRecordName(mode: BenchMode, when: Date): string {
  return `${when.toISOString().slice(0, 10)}-bench-${benchWhat(mode)}.md`;
}

/** argv as one line a shell would run again: arguments with anything but safe characters single-quoted. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** A fenced block longer than any backtick run in `text`, so captured output cannot close it early. */
function fenced(text: string, info: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.replace(/\n+$/, '');
  return `${fence}${info}\n${body}${body ? '\n' : ''}${fence}`;
}

/** One row a field; objects as inline JSON. Pipes are escaped so a value cannot split its cell. */
function fieldTable(fields: object): string {
  const cell = (v: unknown) => (typeof v === 'object' && v !== null ? `\`${JSON.stringify(v)}\`` : String(v)).replace(/\|/g, '\\|');
  return ['| field | value |', '| --- | --- |', ...Object.entries(fields).map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)].join('\n');
}

function sectionBody(s: BenchSection): string {
  if ('output' in s) return fenced(s.output, 'text');
  if ('markdown' in s) return s.markdown.replace(/\n+$/, '');
  return fieldTable(s.fields);
}

/** One run's Markdown: heading with date and time, machine, command line, then each section. */
function benchRunMarkdown(record: BenchRecord & { readonly when: Date; readonly machine: MachineDescription }): string {
  const { when, machine: m } = record;
  const stamp = `${when.toISOString().slice(0, 10)} ${when.toISOString().slice(11, 19)} UTC`;
  const lines = [
    `# ${stamp}: bench ${benchWhat(record.mode)}`,
    '',
    `- CPU: ${m.cpu}`,
    `- logical cores: ${m.logicalCores}`,
    `- memory: ${m.memoryGiB} GiB`,
    `- avx512f: ${m.avx512f === undefined ? 'unknown' : m.avx512f ? 'yes' : 'no'}`,
    `- Node: ${m.node}`,
    `- OS: ${m.os}`,
    `- commit: ${m.commit ?? 'unknown (no git checkout)'}`,
    '',
    fenced(record.command, 'sh'),
    ...record.sections.flatMap((s) => ['', `## ${s.heading}`, '', sectionBody(s)]),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the run to `<dir>/<YYYY-MM-DD>-bench-<what>.md`, after what the file already holds (an earlier run
 * that day); returns the file's path. The whole file is rewritten through a temp file and a rename, so a
 * reader or a crash never sees half a run.
 */
export async function recordBenchRun(dir: string, record: BenchRecord): Promise<string> {
  const when = record.when ?? new Date();
  const machine = record.machine ?? machineDescription();
  const path = join(dir, benchRecordName(record.mode, when));
  await mkdir(dir, { recursive: true });
  let before = '';
  try {
    before = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const run = benchRunMarkdown({ ...record, when, machine });
  await writeFileAtomic(path, before ? `${before.replace(/\n*$/, '\n')}\n${run}` : run);
  return path;
}

// recordBenchRun (`bench --record <dir>`): the dated file's name for each mode, its fields (date and time,
// machine, command line, figures), a second run the same day appended, and no temp file left behind;
// machineDescription's CPU parsing and git commit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCpu, gitCommit, machineDescription, MachineDescription } from './bench-machine';
import { benchRecordName, commandLine, recordBenchRun } from './bench-record';

const MACHINE: MachineDescription = {
  cpu: 'Test CPU @ 2.80GHz',
  logicalCores: 2,
  memoryGiB: 23.5,
  avx512f: true,
  node: 'v20.0.0',
  os: 'Linux 6.1.0-test (x64)',
  commit: 'abc1234 (dirty)',
};

describe('bench records', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bench-record-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file by the UTC day and what ran', () => {
    // 23:30 at UTC-2 is the next day in UTC
    const when = new Date('2026-11-30T23:30:00-02:00');
    expect(benchRecordName({ kind: 'packages' }, when)).toBe('2026-12-01-bench-packages.md');
    expect(benchRecordName({ kind: 'packages', only: ['trainer', 'demand'] }, when)).toBe('2026-12-01-bench-trainer-demand.md');
    expect(benchRecordName({ kind: 'stream', task: 'colorization', threads: 2 }, when)).toBe('2026-12-01-bench-stream-colorization-2w.md');
    expect(benchRecordName({ kind: 'demand' }, when)).toBe('2026-12-01-bench-demand.md');
  });

  it('writes the date and time, the machine, the command line and each section', async () => {
    const when = new Date('2026-11-30T14:05:09.500Z');
    const path = await recordBenchRun(join(dir, 'results'), {
      mode: { kind: 'packages', only: ['colorization', 'trainer'] },
      command: commandLine(['node', 'packages/cli/dist/main.js', 'bench', '--only', 'colorization,trainer', '--record', 'my results']),
      sections: [
        { heading: 'colorization', output: 'colorization bench: flowers\n  threads 1: 251.0 samples/s\n' },
        { heading: 'trainer (failed)', output: 'a ``` fence in the output\n' },
        { heading: 'demand', markdown: '| stream | x |\n| --- | ---: |\n| motion | 1.0 |\n' },
        { heading: 'stream exemplar', fields: { task: 'exemplar', samples_per_s: 619.5, skipped: { 'a|b': 1 } } },
      ],
      when,
      machine: MACHINE,
    });
    expect(path).toBe(join(dir, 'results', '2026-11-30-bench-colorization-trainer.md'));
    expect(readFileSync(path, 'utf8')).toBe(
      [
        '# 2026-11-30 14:05:09 UTC: bench colorization-trainer',
        '',
        '- CPU: Test CPU @ 2.80GHz',
        '- logical cores: 2',
        '- memory: 23.5 GiB',
        '- avx512f: yes',
        '- Node: v20.0.0',
        '- OS: Linux 6.1.0-test (x64)',
        '- commit: abc1234 (dirty)',
        '',
        '```sh',
        "node packages/cli/dist/main.js bench --only colorization,trainer --record 'my results'",
        '```',
        '',
        '## colorization',
        '',
        '```text',
        'colorization bench: flowers',
        '  threads 1: 251.0 samples/s',
        '```',
        '',
        '## trainer (failed)',
        '',
        // the fence outgrows the output's own backticks
        '````text',
        'a ``` fence in the output',
        '````',
        '',
        '## demand',
        '',
        '| stream | x |',
        '| --- | ---: |',
        '| motion | 1.0 |',
        '',
        '## stream exemplar',
        '',
        '| field | value |',
        '| --- | --- |',
        '| task | exemplar |',
        '| samples_per_s | 619.5 |',
        '| skipped | `{"a\\|b":1}` |',
        '',
      ].join('\n'),
    );
  });

  it('appends a later run the same day after the earlier one, through a temp file it does not leave behind', async () => {
    const record = (when: string, output: string) =>
      recordBenchRun(dir, { mode: { kind: 'demand' }, command: 'mtssl bench --demand', sections: [{ heading: 'demand', output }], when: new Date(when), machine: MACHINE });
    const first = await record('2026-11-30T09:00:00Z', 'first run');
    const inode = statSync(first).ino;
    const second = await record('2026-11-30T17:30:00Z', 'second run');
    expect(second).toBe(first);
    // renamed over, not written in place: a reader sees the old file or the new one, never half of it
    expect(statSync(second).ino).not.toBe(inode);
    const text = readFileSync(first, 'utf8');
    expect(text.match(/^# .*$/gm)).toEqual(['# 2026-11-30 09:00:00 UTC: bench demand', '# 2026-11-30 17:30:00 UTC: bench demand']);
    expect(text.indexOf('first run')).toBeLessThan(text.indexOf('second run'));
    expect(text).toContain('```\n\n# 2026-11-30 17:30:00 UTC');
    // another day: another file
    await record('2026-12-01T00:00:01Z', 'next day');
    expect(readdirSync(dir).sort()).toEqual(['2026-11-30-bench-demand.md', '2026-12-01-bench-demand.md']);
  });

  it("describes this machine when not told, the commit unknown outside a checkout", async () => {
    const m = machineDescription(dir);
    expect(m).toMatchObject({ logicalCores: cpus().length, node: process.version, commit: undefined });
    expect(m.cpu).not.toBe('');
    expect(m.memoryGiB).toBeGreaterThan(0);
    const text = readFileSync(await recordBenchRun(dir, { mode: { kind: 'packages' }, command: 'x', sections: [], when: new Date('2026-11-30T00:00:00Z') }), 'utf8');
    expect(text).toContain(`- logical cores: ${cpus().length}\n`);
    expect(text).toContain(`- Node: ${process.version}\n`);
  });

  it("reads the CPU model and avx512f from /proc/cpuinfo's text", () => {
    const x86 = (flags: string) => `processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz\nflags\t\t: fpu sse2 ${flags} avx2\n\nprocessor\t: 1\n`;
    expect(describeCpu(x86('avx512f avx512dq'))).toEqual({ cpu: 'Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz', avx512f: true });
    expect(describeCpu(x86('avx512dq')).avx512f).toBe(false);
    // arm64 names no model there: os.cpus() does
    expect(describeCpu('processor\t: 0\nFeatures\t: fp asimd sve\n')).toEqual({ cpu: cpus()[0]?.model || 'unknown', avx512f: false });
    expect(describeCpu(undefined).avx512f).toBeUndefined();
  });

  it('gives the short commit, dirty when git status lists anything', () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'a');
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    expect(gitCommit(dir)).toBe(head);
    writeFileSync(join(dir, 'b.txt'), 'b');
    expect(gitCommit(dir)).toBe(`${head} (dirty)`);
  });
});

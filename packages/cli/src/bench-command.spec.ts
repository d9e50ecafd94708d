// bench: the flags of its three modes (package benchmarks, --stream, --demand), which exclude each other;
// --record <dir> and the record's file name for each mode; a package benchmark's stdout echoed and kept.
import { benchRecordName } from '@mtssl/pipeline';
import { BENCH_COMMAND, benchMode, runCaptured } from './bench-command';

describe('bench', () => {
  it('takes --record <dir> in every mode, absent without it', () => {
    expect(BENCH_COMMAND.parse([]).record).toBeUndefined();
    expect(BENCH_COMMAND.parse(['--record', 'docs/results'])).toMatchObject({ record: 'docs/results' });
    expect(BENCH_COMMAND.parse(['--demand', '--record=/tmp/rec'])).toMatchObject({ demand: true, record: '/tmp/rec' });
    expect(BENCH_COMMAND.parse(['--stream', 'motion', '--json', '--record', 'out'])).toMatchObject({ stream: 'motion', json: true, record: 'out' });
    expect(BENCH_COMMAND.help).toMatch(/^ {2}--record <value> {2}also write the figures.*e\.g\. --record docs\/results$/m);
  });

  it('names the record after what the flags measure', () => {
    const when = new Date('2026-11-30T12:00:00Z');
    const name = (argv: string[]) => benchRecordName(benchMode(BENCH_COMMAND.parse(argv)), when);
    expect(name([])).toBe('2026-11-30-bench-packages.md');
    expect(name(['--only', 'colorization,trainer'])).toBe('2026-11-30-bench-colorization-trainer.md');
    expect(name(['--stream', 'exemplar'])).toBe('2026-11-30-bench-stream-exemplar-1w.md');
    expect(name(['--stream', 'colorization', '--threads', '2'])).toBe('2026-11-30-bench-stream-colorization-2w.md');
    expect(name(['--demand'])).toBe('2026-11-30-bench-demand.md');
  });

  it("echoes a benchmark's stdout as it comes and keeps it, leaving stderr alone", async () => {
    const echoed: string[] = [];
    const script = "process.stdout.write('12.5 samples/s\\n'); console.error('progress'); process.stdout.write('peak RSS 80 MiB\\n')";
    const r = await runCaptured(['node', '-e', script], process.cwd(), new AbortController().signal, (chunk) => echoed.push(chunk.toString()));
    expect(r).toEqual({ status: 0, stdout: '12.5 samples/s\npeak RSS 80 MiB\n' });
    expect(echoed.join('')).toBe(r.stdout);
    expect(await runCaptured(['node', '-e', "console.log('half'); process.exit(3)"], process.cwd(), new AbortController().signal, () => undefined)).toEqual({ status: 3, stdout: 'half\n' });
  });

  it('reports a command that cannot start, or was aborted, as failed (status null)', async () => {
    const missing = await runCaptured(['mtssl-no-such-command'], process.cwd(), new AbortController().signal, () => undefined);
    expect(missing).toMatchObject({ status: null, stdout: '' });
    expect(missing.error).toMatch(/ENOENT/);
    const controller = new AbortController();
    const running = runCaptured(['node', '-e', "console.log('started'); setTimeout(() => undefined, 60000)"], process.cwd(), controller.signal, () => controller.abort());
    await expect(running).resolves.toMatchObject({ status: null, stdout: 'started\n' });
  });

  describe('invalid parameters', () => {
    it('names the flag', async () => {
      const run = (argv: string[]) => BENCH_COMMAND.run(argv, new AbortController().signal, () => undefined);
      await expect(run(['--stream', 'nope'])).rejects.toThrow('--stream');
      await expect(run(['--stream', 'exemplar', '--threads', '0'])).rejects.toThrow('--threads');
      await expect(run(['--stream', 'exemplar', '--only', 'trainer'])).rejects.toThrow('--stream, --demand and --only exclude each other');
      await expect(run(['--demand', '--only', 'trainer'])).rejects.toThrow('--stream, --demand and --only exclude each other');
    });

    it('wants a folder after --record', () => {
      // parseArgs takes no optional values: --record alone, or followed by another flag, is refused
      expect(() => BENCH_COMMAND.parse(['--demand', '--record'])).toThrow("bench: Option '--record <value>' argument missing");
      expect(() => BENCH_COMMAND.parse(['--record', '--demand'])).toThrow(/^bench: Option '--record' argument is ambiguous/);
      expect(() => BENCH_COMMAND.parse(['--record', ' '])).toThrow('bench: --record: must name a folder, e.g. docs/results');
    });
  });
});

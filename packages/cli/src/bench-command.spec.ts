// bench: the flags of its three modes (package benchmarks, --stream, --demand), which exclude each other.
import { BENCH_COMMAND } from './bench-command';

describe('bench', () => {
  describe('invalid parameters', () => {
    it('names the flag', async () => {
      const run = (argv: string[]) => BENCH_COMMAND.run(argv, new AbortController().signal, () => undefined);
      await expect(run(['--stream', 'nope'])).rejects.toThrow('--stream');
      await expect(run(['--stream', 'exemplar', '--threads', '0'])).rejects.toThrow('--threads');
      await expect(run(['--stream', 'exemplar', '--only', 'trainer'])).rejects.toThrow('--stream, --demand and --only exclude each other');
      await expect(run(['--demand', '--only', 'trainer'])).rejects.toThrow('--stream, --demand and --only exclude each other');
    });
  });
});

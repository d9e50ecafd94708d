// The built `mtssl` entry: usage, help, exit codes, and one line for an error the user can fix.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { COMMANDS } from './commands';
import { TRAIN_FLAGS } from './train-command';

const cli = join(__dirname, '..', 'dist', 'main.js');
const mtssl = (...argv: string[]) => spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8' });

describe('mtssl', () => {
  it('prints the usage with every command: exit 0 with --help, 2 without a command', () => {
    const help = mtssl('--help');
    expect(help.status).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`  ${name.padEnd(12)} ${COMMANDS[name]?.summary}`);
    expect(mtssl().status).toBe(2);
  });

  it("prints a command's help, each flag once", () => {
    const r = mtssl('train', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('mtssl train [options]\n\n')).toBe(true);
    for (const flag of Object.keys(TRAIN_FLAGS)) expect(r.stdout.split('\n').filter((l) => l.startsWith(`  --${flag} `) || l === `  --${flag}`)).toHaveLength(1);
  });

  describe('invalid parameters', () => {
    it('exits 1 with one line naming the command, the flag and the problem', () => {
      const r = mtssl('train', '--steps', 'x');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('error: train: --steps: must be an integer\n');
    });

    it('names an unknown command and shows the usage', () => {
      const r = mtssl('bogus');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error: unknown command "bogus"\n\nusage: mtssl <command>/);
    });
  });
});

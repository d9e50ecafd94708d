// One progress line per task: rewritten in place on a terminal, printed every few seconds otherwise
// (CI logs), so long runs show they are alive without flooding the log.
import type { StreamProgress } from '@mtssl/core';

export interface ProgressPrinter {
  update(progress: StreamProgress): void;
  done(): void;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

export function progressPrinter(label: string, out: NodeJS.WriteStream = process.stderr, everyMs = 5000): ProgressPrinter {
  const started = Date.now();
  let lastPrint = 0;
  let lastLine = '';
  const tty = out.isTTY === true;
  const render = (p: StreamProgress): string => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = p.samples / Math.max(elapsed, 1e-3);
    const posRate = p.done / Math.max(elapsed, 1e-3);
    const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : '0.0';
    return `${label}: ${p.done}/${p.total} (${pct}%) ${p.samples} samples, ${p.skipped} skipped, ${rate.toFixed(1)} samples/s, ETA ${formatEta((p.total - p.done) / posRate)}`;
  };
  return {
    update(p) {
      lastLine = render(p);
      const now = Date.now();
      if (tty) out.write(`\r${lastLine}\x1b[K`);
      else if (now - lastPrint >= everyMs) {
        out.write(`${lastLine}\n`);
        lastPrint = now;
      }
    },
    done() {
      if (tty && lastLine) out.write('\n');
    },
  };
}

// One bad-input policy for every stream: a corrupt JPEG or a truncated video is skipped and
// counted (default) or fails the run; either way the run report names the file and the reason.

export const BAD_INPUT_POLICIES = ['skip', 'fail'] as const;
export type BadInputPolicy = (typeof BAD_INPUT_POLICIES)[number];

export class BadInputError extends Error {
  override readonly name = 'BadInputError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface SkippedInput {
  readonly file: string;
  readonly reason: string;
}

export interface RunReportJSON {
  readonly stream: string;
  readonly policy: BadInputPolicy;
  readonly inputsSeen: number;
  readonly samplesWritten: number;
  readonly skipped: readonly SkippedInput[];
  readonly skippedByReason: Readonly<Record<string, number>>;
}

/** Short class of a reason ("corrupt image: VipsJpeg: ..." -> "corrupt image") for counting. */
function reasonClass(reason: string): string {
  const colon = reason.indexOf(':');
  return colon > 0 ? reason.slice(0, colon) : reason;
}

export class RunReport {
  private readonly skippedFiles = new Map<string, string>();
  inputsSeen = 0;
  samplesWritten = 0;

  constructor(
    readonly stream: string,
    readonly policy: BadInputPolicy = 'skip',
  ) {}

  /**
   * Applies the policy to one bad input: under 'fail' throws a BadInputError naming the file,
   * under 'skip' records it (once per file) and returns.
   */
  badInput(file: string, reason: string): void {
    if (this.policy === 'fail') throw new BadInputError(file, reason);
    if (!this.skippedFiles.has(file)) this.skippedFiles.set(file, reason);
  }

  isSkipped(file: string): boolean {
    return this.skippedFiles.has(file);
  }

  get skipped(): SkippedInput[] {
    return [...this.skippedFiles].map(([file, reason]) => ({ file, reason }));
  }

  /** Merges a report from another worker or an earlier (resumed) part of the run. */
  merge(other: RunReportJSON): void {
    this.inputsSeen += other.inputsSeen;
    this.samplesWritten += other.samplesWritten;
    for (const s of other.skipped) if (!this.skippedFiles.has(s.file)) this.skippedFiles.set(s.file, s.reason);
  }

  toJSON(): RunReportJSON {
    const skippedByReason: Record<string, number> = {};
    for (const reason of this.skippedFiles.values()) {
      const key = reasonClass(reason);
      skippedByReason[key] = (skippedByReason[key] ?? 0) + 1;
    }
    return {
      stream: this.stream,
      policy: this.policy,
      inputsSeen: this.inputsSeen,
      samplesWritten: this.samplesWritten,
      skipped: this.skipped,
      skippedByReason,
    };
  }

  /** Human summary, one line plus one line per skipped file (capped). */
  summary(maxFiles = 20): string {
    const json = this.toJSON();
    const lines = [
      `${this.stream}: ${json.samplesWritten} samples from ${json.inputsSeen} inputs, ${json.skipped.length} skipped` +
        (json.skipped.length
          ? ` (${Object.entries(json.skippedByReason)
              .map(([r, n]) => `${n} ${r}`)
              .join(', ')})`
          : ''),
    ];
    for (const s of json.skipped.slice(0, maxFiles)) lines.push(`  skipped ${s.file}: ${s.reason}`);
    if (json.skipped.length > maxFiles) lines.push(`  ... and ${json.skipped.length - maxFiles} more (see the run report JSON)`);
    return lines.join('\n');
  }
}

/**
 * Several reports of one stream as one (resumed parts of a run, fanned-out parts of a dataset): counts
 * added, skipped files united with each named once. Null when none is given.
 */
export function combineReports(reports: ReadonlyArray<RunReportJSON | null | undefined>): RunReportJSON | null {
  const present = reports.filter((r): r is RunReportJSON => r != null);
  const first = present[0];
  if (!first) return null;
  const combined = new RunReport(first.stream, first.policy);
  for (const r of present) combined.merge(r);
  return combined.toJSON();
}

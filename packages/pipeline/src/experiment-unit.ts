// One unit of the experiment: pretrain a row with one seed (in segments, probing along the way when
// the row draws a curve), or build a baseline trunk; then probe it and write the unit's result file.
// A unit whose result file exists is done; an interrupted one resumes from its run's checkpoint.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PresetName, TaskName, writeFileAtomic } from '@mtssl/core';
import { trainTrunkSupervised } from '@mtssl/eval';
import type { BackendPreference } from '@mtssl/tfjs-wasm-training';
import { createTrunk, loadTrunk, train, Trunk } from '@mtssl/trainer';
import type { ExperimentUnit } from './experiment-plan';
import { probeCurvePoint, probeTrunkBlocks, type ProbeData, type ProbeScoresByBlock, type Scores } from './experiment-probe';
import { datasetDir } from './dataset-layout';
import { harmonizedFor } from './registry';
import type { ScheduleOptions } from './schedule';
import { LATEST_FILE } from '@mtssl/contracts';

export interface CurvePoint {
  readonly samples: number;
  readonly linear: Scores;
  readonly knn: Scores;
}

export interface UnitResult extends ProbeScoresByBlock {
  readonly id: string;
  readonly row: string;
  readonly name: string;
  readonly seed: number;
  /** Pretraining samples seen (steps x batch); 0 for the baselines. */
  readonly samples: number;
  readonly trainSeconds: number;
  readonly probeSeconds: number;
  readonly curve: readonly CurvePoint[];
  /** Pretext-task figures at the end of training: the mean loss over the last steps, per task. */
  readonly pretext: Readonly<Record<string, { readonly firstLoss: number; readonly lastLoss: number; readonly lastMetrics: Readonly<Record<string, number>> }>>;
  /** The supervised row's training loss and accuracy per epoch. */
  readonly supervised?: { readonly losses: readonly number[]; readonly accuracies: readonly number[] };
}

export interface UnitSettings {
  readonly outDir: string;
  readonly shardsRoot: string;
  readonly available: readonly TaskName[];
  readonly preset: PresetName;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate?: number;
  /** Schedule, exemplar-loss and task-mix options passed to every pretraining run. */
  readonly schedule: ScheduleOptions;
  readonly curvePoints: number;
  readonly supervisedEpochs: number;
  readonly backend: BackendPreference;
  readonly wasmThreads: number;
  readonly winograd: boolean;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

export function unitFile(outDir: string, id: string): string {
  return join(outDir, 'units', `${id}.json`);
}

export function readUnitResult(outDir: string, id: string): UnitResult | null {
  const file = unitFile(outDir, id);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as UnitResult) : null;
}

function curveFile(runDir: string): string {
  return join(runDir, 'curve.json');
}

function readCurve(runDir: string): CurvePoint[] {
  const file = curveFile(runDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CurvePoint[]) : [];
}

/** Step counts at which a curve row stops to probe: `points` equal segments, the last at `steps`. */
export function segmentEnds(steps: number, points: number): number[] {
  const ends = Array.from({ length: points }, (_, i) => Math.max(1, Math.round((steps * (i + 1)) / points)));
  return [...new Set(ends)];
}

interface Pretrained {
  readonly trunk: Trunk;
  readonly curve: CurvePoint[];
  readonly pretext: UnitResult['pretext'];
  readonly seconds: number;
}

/** A task mix (weights, rate factors) concerns rows of several tasks only: a single-task row trains as it would without one. */
export function scheduleFor(schedule: ScheduleOptions, tasks: readonly TaskName[]): ScheduleOptions {
  if (tasks.length > 1) return schedule;
  const { interleave: _mode, taskWeights: _weights, taskLrScale: _scale, ...rest } = schedule;
  return rest;
}

async function pretrain(unit: ExperimentUnit, s: UnitSettings, data: ProbeData): Promise<Pretrained> {
  const row = unit.row;
  const tasks = (row.tasks === 'all' ? s.available : (row.tasks ?? []).filter((t) => s.available.includes(t))) as TaskName[];
  if (tasks.length === 0) throw new Error(`${row.name}: the manifest has no data for ${String(row.tasks)}`);
  const runDir = join(s.outDir, 'runs', unit.id);
  const datasets = Object.fromEntries(tasks.map((t) => [t, datasetDir(s.shardsRoot, t, harmonizedFor(t, row.harmonize))]));
  const ends = row.curve && unit.seed === 0 ? segmentEnds(s.steps, s.curvePoints) : [s.steps];
  const curve = readCurve(runDir);
  let seconds = 0;
  let pretext: UnitResult['pretext'] = {};
  for (const end of ends) {
    const resume = existsSync(join(runDir, LATEST_FILE));
    const started = Date.now();
    const result = await train({
      datasets, outDir: runDir, preset: s.preset, stride8: true, steps: end, seed: unit.seed, lasso: row.lasso,
      harmonize: row.harmonize, resume, backend: s.backend, wasmThreads: s.wasmThreads, winograd: s.winograd, handleSignals: false,
      batchSize: s.batchSize, checkpointEvery: Math.min(500, end), logEvery: 50,
      ...(s.learningRate !== undefined ? { learningRate: s.learningRate } : {}),
      // segments of a curve row follow one schedule over the whole run
      ...scheduleFor(s.schedule, tasks), scheduleSteps: s.steps,
      logger: { info: s.log, warn: (l) => s.log(`warning: ${l}`) },
    });
    seconds += (Date.now() - started) / 1000;
    if (result.stoppedBy === 'signal' || s.signal.aborted) throw new Error('experiment interrupted; rerun the same command to resume');
    pretext = { ...pretext, ...result.tasks };
    if (end < s.steps && !curve.some((p) => p.samples === end * s.batchSize)) {
      const trunk = await loadTrunk(runDir);
      try {
        curve.push({ samples: end * s.batchSize, ...probeCurvePoint(trunk, data) });
      } finally {
        trunk.dispose();
      }
      await writeFileAtomic(curveFile(runDir), JSON.stringify(curve));
      s.log(`${unit.id}: curve at ${end * s.batchSize} samples: kNN top-1 ${pct(curve[curve.length - 1]?.knn.top1)}`);
    }
  }
  const trunk = await loadTrunk(runDir);
  if (row.curve && unit.seed === 0 && !curve.some((p) => p.samples === s.steps * s.batchSize)) {
    curve.push({ samples: s.steps * s.batchSize, ...probeCurvePoint(trunk, data) });
    await writeFileAtomic(curveFile(runDir), JSON.stringify(curve));
  }
  return { trunk, curve, pretext, seconds };
}

function pct(x: number | undefined): string {
  return x === undefined ? '-' : `${(100 * x).toFixed(1)}%`;
}

async function baseline(unit: ExperimentUnit, s: UnitSettings, data: ProbeData): Promise<{ trunk: Trunk; seconds: number; supervised?: UnitResult['supervised'] }> {
  const trunk = createTrunk(s.preset, unit.seed, { stride8: true });
  if (unit.row.id !== 'supervised') return { trunk, seconds: 0 };
  const started = Date.now();
  s.log(`${unit.id}: training the trunk with labels on ${data.train.count} images for ${s.supervisedEpochs} epochs`);
  const r = trainTrunkSupervised(trunk, data.train, data.numClasses, { epochs: s.supervisedEpochs, seed: unit.seed }, (e, loss, acc) =>
    s.log(`${unit.id}: epoch ${e + 1}/${s.supervisedEpochs} loss ${loss.toFixed(3)} train accuracy ${pct(acc)}`),
  );
  return { trunk, seconds: (Date.now() - started) / 1000, supervised: { losses: r.losses, accuracies: r.accuracies } };
}

/** Runs one unit to its result file (nothing when the file exists) and returns the result. */
export async function runUnit(unit: ExperimentUnit, s: UnitSettings, data: ProbeData): Promise<UnitResult> {
  const done = readUnitResult(s.outDir, unit.id);
  if (done) return done;
  mkdirSync(join(s.outDir, 'units'), { recursive: true });
  const isBaseline = unit.row.tasks === null;
  const made = isBaseline ? await baseline(unit, s, data) : await pretrain(unit, s, data);
  const probeStart = Date.now();
  let probe: ProbeScoresByBlock;
  try {
    probe = probeTrunkBlocks(made.trunk, data);
  } finally {
    made.trunk.dispose();
  }
  const result: UnitResult = {
    id: unit.id,
    row: unit.row.id,
    name: unit.row.name,
    seed: unit.seed,
    samples: isBaseline ? 0 : s.steps * s.batchSize,
    trainSeconds: made.seconds,
    probeSeconds: (Date.now() - probeStart) / 1000,
    curve: 'curve' in made ? made.curve : [],
    pretext: 'pretext' in made ? made.pretext : {},
    ...('supervised' in made && made.supervised ? { supervised: made.supervised } : {}),
    ...probe,
  };
  await writeFileAtomic(unitFile(s.outDir, unit.id), `${JSON.stringify(result, null, 1)}\n`);
  s.log(`${unit.id}: linear top-1 ${probe.linear.map((l, b) => `block${b + 1} ${pct(l.top1)}`).join(', ')}; kNN ${pct(probe.knn.top1)}`);
  return result;
}

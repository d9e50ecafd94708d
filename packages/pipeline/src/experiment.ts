// `experiment`: the paper's comparison at this project's scale. Pretrains each single task, all four,
// all four harmonized and all four with lasso (the seeded rows once per seed), adds random init and a
// supervised ceiling, probes every trunk (linear per block, kNN), and writes the table, a plot of probe
// accuracy against samples seen and a report. Units run on parallel lanes (child processes, one wasm
// thread each); rerunning the same experiment skips finished units and resumes.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadProbeData } from './experiment-data';
import { runLanes } from './experiment-lanes';
import { ExperimentOptions, resolveExperimentOptions } from './experiment-options';
import { planUnits, unitById } from './experiment-plan';
import { ExperimentResult, writeExperimentOutputs } from './experiment-report';
import { experimentDir, probeRequest, unitSettings } from './experiment-settings';
import { readUnitResult, runUnit, type UnitResult } from './experiment-unit';
import { onlySplit, readManifest, tasksFor } from './manifest';
import { preprocess } from './preprocess';
import type { PreprocessOptions } from './preprocess-options';

/** Lanes: `auto` is one per core, up to 4 (each unit then computes on one wasm thread). */
function laneCount(o: ExperimentOptions): number {
  return o.jobs === 'auto' ? Math.max(1, Math.min(4, availableParallelism())) : o.jobs;
}

export async function experiment(given: Partial<ExperimentOptions>, signal: AbortSignal, log: (line: string) => void): Promise<ExperimentResult> {
  const o = resolveExperimentOptions(given);
  const manifest = await readManifest(o.manifest);
  const outDir = experimentDir(o, manifest.name);
  const available = tasksFor(onlySplit(manifest, 'train'), undefined);
  if (o.unit) {
    const unit = unitById(o.unit);
    const s = await unitSettings(o, outDir, available, 1, signal, log);
    await runUnit(unit, s, await loadProbeData(probeRequest(o, outDir)));
    return { outDir, units: [], markdown: '' };
  }
  const units = planUnits(o.rows, o.seeds);
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  log(`experiment: ${units.length} units (${units.map((u) => u.id).join(', ')}), preset ${o.preset}, ${o.steps} steps -> ${outDir}`);
  // Pretraining never sees the probe's test images: streams read the train split only.
  const pre: Partial<PreprocessOptions> = { manifest: o.manifest, preset: o.preset, out: join(outDir, 'shards'), seed: 0, epochs: o.epochs, split: 'train' };
  if (units.some((u) => u.row.tasks !== null)) await preprocess(pre, signal, log);
  if (units.some((u) => u.row.harmonize)) await preprocess({ ...pre, harmonize: true }, signal, log);
  const data = await loadProbeData(probeRequest(o, outDir));
  log(`experiment: probe on ${data.train.count} train images, test set ${data.testSource}`);
  const pending = units.filter((u) => !readUnitResult(outDir, u.id));
  const lanes = laneCount(o);
  if (lanes > 1 && pending.length > 1) {
    await runLanes(o, pending, lanes, signal, log);
  } else {
    const threads = o.wasmThreads === 'auto' ? Math.min(2, availableParallelism()) : o.wasmThreads;
    const s = await unitSettings(o, outDir, available, threads, signal, log);
    for (const u of pending) await runUnit(u, s, data);
  }
  const results = units.map((u) => readUnitResult(outDir, u.id)).filter((r): r is UnitResult => r !== null);
  const outcome = { outDir, name: manifest.name, results, testCount: data.test.count, testSource: data.testSource, available, seconds: (Date.now() - started) / 1000 };
  return writeExperimentOutputs(o, outcome, log);
}

// Worker thread: decode one image and cut sample k's patch pair from it.
import { BadImage, configureWorker, decodeImageView, moveOut, ownedCopy, PositionResult, sampleRng } from '@mtssl/core';
import { cellSize } from './options';
import { makePair } from './pair';
import { PairTask, TASK_KEY } from './task';

configureWorker();

export async function handle(task: PairTask): Promise<PositionResult> {
  const o = task.options;
  const cell = cellSize(o);
  try {
    const image = await decodeImageView(task.file, {
      shortSide: o.shortSide,
      minSourceSide: Math.ceil((3 * cell) / o.maxUpscale),
      minSourceWhy: `3 cells of ${cell} px` + (o.maxUpscale > 1 ? ` at up to ${o.maxUpscale}x upscaling` : ''),
    });
    const pair = makePair(image, o, sampleRng(task.seed, TASK_KEY, task.index));
    const sample = { patches: ownedCopy(pair.patches), label: Int32Array.of(pair.label) };
    return moveOut({ ok: true, index: task.index, sample });
  } catch (err) {
    if (err instanceof BadImage) return { ok: false, index: task.index, file: task.file, reason: err.message };
    throw err;
  }
}

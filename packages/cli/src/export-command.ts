// `mtssl export`: the pipeline's exportTrunk (a run's trunk as a standard TensorFlow.js Layers model).
import { z } from 'zod';
import { exportTrunk } from '@mtssl/pipeline';
import { defineCommand } from './command';
import { stringFlag } from './flags';

export const EXPORT_FLAGS = {
  checkpoint: stringFlag(
    z.string({ message: 'is required: a run folder (or checkpoint folder) written by train' }),
    'run folder written by train (its latest checkpoint is used), or a checkpoint folder',
  ),
  out: stringFlag(z.string().optional(), 'output folder (default <run>/layers-model); replaced atomically'),
} as const;

export const EXPORT_COMMAND = defineCommand({
  name: 'export',
  summary: "write a run's trunk as a standard TensorFlow.js Layers model (tf.loadLayersModel, Keras via tensorflowjs_converter)",
  usage: 'mtssl export --checkpoint <run> [--out <dir>]',
  flags: EXPORT_FLAGS,
  run: (a, _signal, log) => exportTrunk({ checkpoint: a.checkpoint, out: a.out }, log),
});

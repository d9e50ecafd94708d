// `mtssl export`: a run's trunk as a standard TensorFlow.js Layers model (tf.loadLayersModel reads it).
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { exportLayersModel, EXPORT_FOLDER } from '@mtssl/trainer';
import { parseFlags } from './args';

export const EXPORT_FLAGS = {
  checkpoint: { type: 'string' },
  out: { type: 'string' },
} as const;

const schema = z
  .object({
    checkpoint: z.string({ message: 'is required: a run folder (or checkpoint folder) written by train' }),
    out: z.string().optional(),
  })
  .strict();

export async function exportCommand(argv: readonly string[], log: (line: string) => void): Promise<void> {
  const a = parseFlags(argv, EXPORT_FLAGS, schema, 'export');
  const out = resolve(a.out ?? join(a.checkpoint, EXPORT_FOLDER));
  const r = await exportLayersModel(resolve(a.checkpoint), out);
  log(`export: ${r.checkpoint} -> ${r.outDir}/model.json (${r.layers} layers, ${r.parameters.toLocaleString('en-US')} parameters${r.lasso ? ', lasso evaluation row as constant 1x1 depthwise scales' : ''})`);
}

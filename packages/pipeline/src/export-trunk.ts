// `exportTrunk`: a run's trunk as a standard TensorFlow.js Layers model (tf.loadLayersModel reads it).
import { join, resolve } from 'node:path';
import { exportLayersModel, ExportResult } from '@mtssl/trainer';
import { optionalText, requireText, withDefaults } from './options';
import { EXPORT_FOLDER } from '@mtssl/contracts';

export interface ExportOptions {
  /** Run folder written by train (its latest checkpoint is used), or a checkpoint folder. */
  readonly checkpoint: string;
  /** Output folder, replaced atomically; undefined: `<run>/layers-model`. */
  readonly out: string | undefined;
}

export async function exportTrunk(given: Partial<ExportOptions> & Pick<ExportOptions, 'checkpoint'>, log: (line: string) => void): Promise<ExportResult> {
  const o = withDefaults<ExportOptions>('export', { checkpoint: '', out: undefined }, given);
  requireText('checkpoint', o.checkpoint);
  optionalText('out', o.out);
  const out = resolve(o.out ?? join(o.checkpoint, EXPORT_FOLDER));
  const r = await exportLayersModel(resolve(o.checkpoint), out);
  log(`export: ${r.checkpoint} -> ${r.outDir}/model.json (${r.layers} layers, ${r.parameters.toLocaleString('en-US')} parameters${r.lasso ? ', lasso evaluation row as constant 1x1 depthwise scales' : ''})`);
  return r;
}

// Named tensors to and from the tfjs weights format (a manifest of specs + one binary file).
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@mtssl/core';

/** A named tensor, as tf.io.encodeWeights and Optimizer.getWeights use them. */
export interface NamedWeight {
  name: string;
  tensor: tf.Tensor;
}

export interface WeightsGroup {
  readonly paths: string[];
  readonly weights: tf.io.WeightsManifestEntry[];
}

/** Writes `file` (binary) and returns its manifest group. */
export async function writeWeights(dir: string, file: string, tensors: NamedWeight[]): Promise<WeightsGroup> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(tf.io.concatenateArrayBuffers(data));
  await writeFileAtomic(join(dir, file), bytes);
  return { paths: [file], weights: specs };
}

/** Decoded tensors, owned by the caller. */
export async function readWeights(dir: string, group: WeightsGroup): Promise<tf.NamedTensorMap> {
  const buffer = await readFile(join(dir, group.paths[0] as string));
  const ab = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  return tf.io.decodeWeights(ab, group.weights);
}

// Tests run on the pure-JS CPU backend; PROD silences its "install tfjs-node" banner.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export async function useCpuBackend(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
}

import * as tf from '@tensorflow/tfjs-core';

/**
 * Central-difference gradient of a scalar function of several inputs, for checking analytic gradients
 * on small tensors. Costs two evaluations per input element.
 */
export function numericGradients(f: (...xs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[], h = 1e-2): Float32Array[] {
  const values = inputs.map((t) => t.dataSync().slice() as Float32Array);
  const evaluate = (): number =>
    tf.tidy(() => f(...values.map((v, i) => tf.tensor(v, inputs[i]!.shape))).dataSync()[0]!);
  return values.map((v) => {
    const grad = new Float32Array(v.length);
    for (let j = 0; j < v.length; j++) {
      const keep = v[j]!;
      v[j] = keep + h;
      const up = evaluate();
      v[j] = keep - h;
      const down = evaluate();
      v[j] = keep;
      grad[j] = (up - down) / (2 * h);
    }
    return grad;
  });
}

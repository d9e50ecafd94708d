import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** One pass per variable: value, mean square and moment updated together (tfjs runs ~14 kernels). */
export const RMSPROP_UPDATE = 'MtsslRmsPropUpdate';
const FUSED_BACKENDS = ['wasm', 'cpu'] as const;

interface UpdateAttrs {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
}

/**
 * ms' = decay ms + (1 - decay) g^2; mom' = momentum mom + lr g / sqrt(ms' + eps); v' = v - mom' (tfjs's
 * uncentred RMSProp), written to the three output arrays.
 */
export function rmspropUpdate(v: Float32Array, ms: Float32Array, mom: Float32Array, g: Float32Array, a: UpdateAttrs, out: [Float32Array, Float32Array, Float32Array]): void {
  const [vOut, msOut, momOut] = out;
  const keep = 1 - a.decay;
  for (let i = 0; i < v.length; i++) {
    const gi = g[i] as number;
    const m = Math.fround(a.decay * (ms[i] as number) + keep * gi * gi);
    const step = Math.fround(a.momentum * (mom[i] as number) + (a.learningRate * gi) / Math.sqrt(m + a.epsilon));
    msOut[i] = m;
    momOut[i] = step;
    vOut[i] = (v[i] as number) - step;
  }
}

function updateKernel(backendName: (typeof FUSED_BACKENDS)[number]): tf.KernelConfig {
  return {
    kernelName: RMSPROP_UPDATE,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { value, ms, mom, grad } = inputs as Record<'value' | 'ms' | 'mom' | 'grad', tf.TensorInfo>;
      const a = attrs as unknown as UpdateAttrs;
      if (backendName === 'wasm') {
        // In place on the wasm heap: outputs first (allocation can grow the heap), then the views.
        const wasm = backend as BackendWasm;
        const outs = [0, 1, 2].map(() => wasm.makeOutput(value.shape, 'float32'));
        const view = (t: tf.TensorInfo): Float32Array => wasm.typedArrayFromHeap(t) as Float32Array;
        rmspropUpdate(view(value), view(ms), view(mom), view(grad), a, outs.map(view) as [Float32Array, Float32Array, Float32Array]);
        return outs;
      }
      const kb = backend as tf.KernelBackend;
      const read = (t: tf.TensorInfo): Float32Array => kb.readSync(t.dataId) as Float32Array;
      const n = tf.util.sizeFromShape(value.shape);
      const outs: [Float32Array, Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
      rmspropUpdate(read(value), read(ms), read(mom), read(grad), a, outs);
      return outs.map((values) => ({ dataId: kb.write(values, value.shape, 'float32'), shape: value.shape, dtype: 'float32' as const }));
    },
  };
}

function registerUpdateKernels(): void {
  for (const name of FUSED_BACKENDS) if (tf.getKernel(RMSPROP_UPDATE, name) == null) tf.registerKernel(updateKernel(name));
}

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** RMSPropOptimizer's own state, private in its typings. */
interface RmsState {
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
}

function slot(name: string, like: tf.Variable): Slot {
  return { originalName: name, variable: tf.tidy(() => tf.zerosLike(like).variable(false)) };
}

/**
 * tfjs's RMSProp (same slots, names, checkpoint weights and formula) with each variable's update as one
 * kernel on wasm and cpu; on other backends, or centred, it is tfjs's own. On wasm the per-kernel overhead
 * of ~14 small kernels a variable was a third of a small preset's step.
 */
export class FusedRmsProp extends tf.RMSPropOptimizer {
  constructor(learningRate: number, decay: number, momentum: number, epsilon: number) {
    super(learningRate, decay, momentum, epsilon);
    registerUpdateKernels();
  }

  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const s = this as unknown as RmsState;
    if (s.centered || !(FUSED_BACKENDS as readonly string[]).includes(tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    const attrs = { learningRate: s.learningRate, decay: s.decay, momentum: s.momentum, epsilon: s.epsilon };
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name] as tf.Variable;
      s.accumulatedMeanSquares[i] ??= slot(`${name}/rms`, value);
      s.accumulatedMoments[i] ??= slot(`${name}/momentum`, value);
      const grad = Array.isArray(variableGradients) ? variableGradients[i]?.tensor : variableGradients[name];
      if (grad == null) return;
      if (value.dtype !== 'float32' || grad.dtype !== 'float32') throw new Error(`RMSProp: ${name} must be float32, got ${value.dtype}`);
      const ms = s.accumulatedMeanSquares[i].variable;
      const mom = s.accumulatedMoments[i].variable;
      tf.tidy(() => {
        const [v, m, p] = tf.engine().runKernel(RMSPROP_UPDATE, { value, ms, mom, grad }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        ms.assign(m as tf.Tensor);
        mom.assign(p as tf.Tensor);
        value.assign(v as tf.Tensor);
      });
    });
    this.incrementIterations();
  }
}

/** Sets the rate the next update uses (tfjs keeps it in a protected field). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (!(optimizer instanceof tf.RMSPropOptimizer)) throw new Error(`setLearningRate: expected an RMSProp optimizer, got ${optimizer.getClassName()}`);
  (optimizer as unknown as RmsState).learningRate = learningRate;
}

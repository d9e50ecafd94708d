// The trunk (stem to block 3) as a Keras functional-model topology built only from standard layers
// (Conv2D, BatchNormalization, Activation, MaxPooling2D, Add, DepthwiseConv2D), so that
// tf.loadLayersModel and Keras read it. Each layer weight names the checkpoint variable it comes from.
import { ModelOptions } from '../model/config';
import { blockRate, unitStride } from '../model/trunk';
import { BATCH_NORM_RELU_DEFAULTS } from '@mtssl/tfjs-wasm-training';

/** A weight of the exported model: its Keras name (`layer/weight`) and where its values come from. */
export interface ExportedWeight {
  readonly name: string;
  readonly shape: number[];
  /** A checkpoint variable, or constant values (the lasso alphas spread over the channels). */
  readonly source: { readonly variable: string } | { readonly values: Float32Array };
}

export interface LayersTopology {
  readonly modelTopology: Record<string, unknown>;
  readonly weights: ExportedWeight[];
}

type Inbound = string | readonly string[];
interface LayerJson {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}

const pair = (n: number): [number, number] => [n, n];

/** Appends layers in graph order, naming each and recording its weights and channel count. */
class GraphBuilder {
  readonly layers: LayerJson[] = [];
  readonly weights: ExportedWeight[] = [];
  private readonly channels = new Map<string, number>();

  input(name: string, channels: number): string {
    this.layers.push({ class_name: 'InputLayer', name, config: { name, batch_input_shape: [null, null, null, channels], dtype: 'float32', sparse: false }, inbound_nodes: [] });
    this.channels.set(name, channels);
    return name;
  }

  private add(className: string, name: string, inbound: Inbound, config: Record<string, unknown>, outChannels: number): string {
    const sources = typeof inbound === 'string' ? [inbound] : inbound;
    this.layers.push({ class_name: className, name, config: { name, trainable: true, dtype: 'float32', ...config }, inbound_nodes: [sources.map((s) => [s, 0, 0, {}])] });
    this.channels.set(name, outChannels);
    return name;
  }

  channelsOf(layer: string): number {
    return this.channels.get(layer) as number;
  }

  conv(name: string, x: string, variable: string, spec: { out: number; kernel: number; stride?: number; rate?: number; bias?: boolean }): string {
    const inCh = this.channelsOf(x);
    const bias = spec.bias ?? false;
    this.weights.push({ name: `${name}/kernel`, shape: [spec.kernel, spec.kernel, inCh, spec.out], source: { variable: `${variable}/kernel` } });
    if (bias) this.weights.push({ name: `${name}/bias`, shape: [spec.out], source: { variable: `${variable}/bias` } });
    return this.add('Conv2D', name, x, {
      filters: spec.out, kernel_size: pair(spec.kernel), strides: pair(spec.stride ?? 1), padding: 'same', data_format: 'channels_last',
      dilation_rate: pair(spec.rate ?? 1), activation: 'linear', use_bias: bias,
    }, spec.out);
  }

  /** BatchNormalization then ReLU: the network's fused batch-norm-ReLU in inference mode. */
  bnRelu(name: string, x: string, variable: string): string {
    const ch = this.channelsOf(x);
    for (const w of ['gamma', 'beta', 'moving_mean', 'moving_variance']) this.weights.push({ name: `${name}_bn/${w}`, shape: [ch], source: { variable: `${variable}/${w}` } });
    const bn = this.add('BatchNormalization', `${name}_bn`, x, { axis: -1, momentum: 0.99, epsilon: BATCH_NORM_RELU_DEFAULTS.epsilon, center: true, scale: true }, ch);
    return this.add('Activation', `${name}_relu`, bn, { activation: 'relu' }, ch);
  }

  /** Every stride-th pixel, as the network's subsample picks them: a 1x1 max pool. */
  subsample(name: string, x: string, stride: number): string {
    return this.add('MaxPooling2D', name, x, { pool_size: pair(1), strides: pair(stride), padding: 'same', data_format: 'channels_last' }, this.channelsOf(x));
  }

  maxPool(name: string, x: string, size: number, stride: number): string {
    return this.add('MaxPooling2D', name, x, { pool_size: pair(size), strides: pair(stride), padding: 'same', data_format: 'channels_last' }, this.channelsOf(x));
  }

  sum(name: string, inputs: readonly string[]): string {
    return this.add('Add', name, inputs, {}, this.channelsOf(inputs[0] as string));
  }

  /** Multiplies a map by a constant: a 1x1 depthwise convolution whose kernel holds the constant. */
  scale(name: string, x: string, factor: number): string {
    const ch = this.channelsOf(x);
    this.weights.push({ name: `${name}/depthwise_kernel`, shape: [1, 1, ch, 1], source: { values: new Float32Array(ch).fill(factor) } });
    return this.add('DepthwiseConv2D', name, x, {
      kernel_size: pair(1), strides: pair(1), padding: 'same', data_format: 'channels_last', depth_multiplier: 1,
      dilation_rate: pair(1), activation: 'linear', use_bias: false,
    }, ch);
  }
}

/** One pre-activation bottleneck unit, mirroring model/bottleneck.ts layer for layer. */
function bottleneck(g: GraphBuilder, x: string, block: number, unit: number, options: ModelOptions): string {
  const variable = `trunk/block${block + 1}/unit${unit + 1}`;
  const name = `block${block + 1}_unit${unit + 1}`;
  const depth = options.widths[block] as number;
  const stride = unitStride(block, unit, options);
  const rate = blockRate(block, options);
  const preact = g.bnRelu(`${name}_preact`, x, `${variable}/preact`);
  const shortcut =
    g.channelsOf(x) === depth
      ? stride === 1
        ? x
        : g.subsample(`${name}_shortcut_subsample`, x, stride)
      : g.conv(`${name}_shortcut`, preact, `${variable}/shortcut`, { out: depth, kernel: 1, stride });
  let r = g.conv(`${name}_conv1`, preact, `${variable}/conv1`, { out: depth / 4, kernel: 1 });
  r = g.bnRelu(`${name}_conv1`, r, `${variable}/bn1`);
  r = g.conv(`${name}_conv2`, r, `${variable}/conv2`, { out: depth / 4, kernel: 3, stride, rate });
  r = g.bnRelu(`${name}_conv2`, r, `${variable}/bn2`);
  r = g.conv(`${name}_conv3`, r, `${variable}/conv3`, { out: depth, kernel: 1, bias: true });
  return g.sum(`${name}_add`, [shortcut, r]);
}

/**
 * The trunk's graph. With `lassoAlphas` (the evaluation row of a lasso run) the output is the
 * alpha-weighted sum of block 3's units, each scaled by a constant 1x1 depthwise convolution.
 */
export function layersTopology(options: ModelOptions, lassoAlphas: readonly number[] | null, modelName = 'mtssl_trunk'): LayersTopology {
  const g = new GraphBuilder();
  let x = g.input('images', 3);
  x = g.conv('stem', x, 'trunk/stem', { out: options.stemChannels, kernel: options.stemKernel, stride: options.stemStride ?? 2, bias: true });
  if (options.stemPool ?? true) x = g.maxPool('stem_pool', x, 3, 2);
  const block3: string[] = [];
  for (let b = 0; b < 3; b++) {
    for (let u = 0; u < (options.units[b] as number); u++) {
      x = bottleneck(g, x, b, u, options);
      if (b === 2) block3.push(x);
    }
  }
  if (lassoAlphas) {
    if (lassoAlphas.length !== block3.length) throw new Error(`lasso alphas: expected ${block3.length} (one per block-3 unit), got ${lassoAlphas.length}`);
    const scaled = block3.map((unit, m) => g.scale(`lasso_unit${m + 1}`, unit, lassoAlphas[m] as number));
    x = scaled.length === 1 ? (scaled[0] as string) : g.sum('lasso_sum', scaled);
  }
  const modelTopology = {
    class_name: 'Model',
    config: { name: modelName, layers: g.layers, input_layers: [['images', 0, 0]], output_layers: [[x, 0, 0]] },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
  return { modelTopology, weights: g.weights };
}

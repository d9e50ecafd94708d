export { selectBackend, BACKEND_PREFERENCES, type BackendPreference, type SelectBackendOptions, type BackendChoice } from './backend/select-backend';
export { MAX_WASM_THREADS } from './backend/wasm-threads';
export {
  registerWasmTrainingKernels,
  wasmTrainingKernelOptions,
  WASM_TRAINING_KERNELS,
  WASM_TRAINING_KERNEL_DEFAULTS,
  type WasmTrainingKernelOptions,
} from './kernels/register-wasm-training-kernels';
export { registerConv2dGradient, CONV2D_GRADIENT } from './kernels/conv2d-gradient';
export { registerCoreGradients, CORE_GRADIENTS } from './kernels/gradients/register-core-gradients';
export { EXTRA_GRADIENTS } from './kernels/gradients/extra-gradients';
export { ensureGradients } from './kernels/gradients/ensure-gradients';
export { conv2dFilterGrad } from './kernels/conv2d-filter-grad';
export { conv2dInputGrad } from './kernels/conv2d-input-grad';
export { convGeometry, type ConvGeometry, type ConvAxis } from './kernels/conv-geometry';
export { winogradCalls, WINOGRAD_MIN_CHANNELS, WINOGRAD_MIN_TILES } from './kernels/winograd-plan';
export { batchNormRelu, batchNormReluInference, type BatchNormReluResult } from './ops/batch-norm-relu';
export { BATCH_NORM_RELU_DEFAULTS, resolveBatchNormReluOptions, type BatchNormReluOptions } from './ops/batch-norm-options';
export { channelMean } from './ops/channel-mean';
export { softCrossEntropy } from './ops/soft-cross-entropy';
export { relativeError } from './ops/relative-error';
export { FusedRmsProp, setLearningRate } from './optimizer/fused-rmsprop';
export { OptionError } from './validate';

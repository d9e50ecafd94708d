export {};
export { selectBackend, BACKEND_PREFERENCES, type BackendPreference, type SelectBackendOptions, type BackendChoice } from './backend/select-backend';
export { batchNormRelu, batchNormReluInference, type BatchNormReluResult } from './ops/batch-norm-relu';
export { BATCH_NORM_RELU_DEFAULTS, resolveBatchNormReluOptions, type BatchNormReluOptions } from './ops/batch-norm-options';
export { registerCoreGradients, CORE_GRADIENTS } from './kernels/gradients/register-core-gradients';
export { registerWasmTrainingKernels, registerConv2dGradient, WASM_TRAINING_KERNELS } from './kernels/register-wasm-training-kernels';
export { conv2dFilterGrad } from './kernels/conv2d-filter-grad';
export { conv2dInputGrad } from './kernels/conv2d-input-grad';
export { convGeometry, type ConvGeometry, type ConvAxis } from './kernels/conv-geometry';

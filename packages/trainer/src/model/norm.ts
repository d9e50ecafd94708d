// Batch normalisation (+ ReLU) through the engine's fused op, whose custom gradient keeps only
// x, y and the per-channel statistics alive between forward and backward.
export { batchNormRelu as batchNormReluTrain, batchNormReluInference as batchNormReluInfer } from '@mtssl/tfjs-wasm-training';

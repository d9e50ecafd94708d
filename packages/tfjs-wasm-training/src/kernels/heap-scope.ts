import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Scratch tensors on the wasm heap for one kernel call: all are freed by `release`, except those handed
 * out with `keep`. Offsets and the heap view are taken after allocating, since allocation can grow (and so
 * detach) the heap.
 */
export class HeapScope {
  private readonly owned: tf.TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  alloc(shape: number[]): tf.TensorInfo {
    return this.own(this.backend.makeOutput(shape, 'float32'));
  }

  /** Takes ownership of a tensor made elsewhere (another kernel's output). */
  own(t: tf.TensorInfo): tf.TensorInfo {
    this.owned.push(t);
    return t;
  }

  keep(t: tf.TensorInfo): tf.TensorInfo {
    const i = this.owned.indexOf(t);
    if (i >= 0) this.owned.splice(i, 1);
    return t;
  }

  /** Offset in floats. */
  at(t: tf.TensorInfo): number {
    return this.backend.getMemoryOffset(t.dataId) / 4;
  }

  /** A float view of the entire heap (any tensor's view has the heap as its buffer). */
  heap(any: tf.TensorInfo): Float32Array {
    return new Float32Array(this.backend.typedArrayFromHeap(any).buffer);
  }

  zeros(size: number): tf.TensorInfo {
    const t = this.alloc([size]);
    this.heap(t).fill(0, this.at(t), this.at(t) + size);
    return t;
  }

  release(): void {
    for (const t of this.owned.splice(0)) this.backend.disposeData(t.dataId);
  }
}

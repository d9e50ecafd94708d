import * as tf from '@tensorflow/tfjs-core';

// The native bindings are optional: they download libtensorflow at install time, which many machines cannot do.
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

export interface NativeLoadResult {
  loaded: boolean;
  /** The package that loaded, or why none did. */
  detail: string;
}

function loadOptional(id: string): void {
  // A computed id keeps bundlers and tsc from insisting the package exists.
  require(id);
}

function firstLine(error: unknown): string {
  // Jest's module loader throws errors from another realm, so test the shape rather than instanceof.
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Loads the first installed TensorFlow native binding; it registers the 'tensorflow' backend on import. */
export function loadNativeBackend(): NativeLoadResult {
  const failures: string[] = [];
  for (const id of NATIVE_PACKAGES) {
    try {
      loadOptional(id);
      if (tf.findBackendFactory('tensorflow') != null) return { loaded: true, detail: id };
      failures.push(`${id} loaded but registered no 'tensorflow' backend`);
    } catch (error) {
      failures.push(firstLine(error));
    }
  }
  return { loaded: false, detail: failures.join('; ') };
}

// Returning buffers from a worker by transfer, not structured-clone copy.
import { Piscina } from 'piscina';
import type { FieldArray } from '../samples';

/** True when the view spans its whole ArrayBuffer, which can then be transferred safely. */
function ownsBuffer(view: ArrayBufferView): boolean {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer;
}

/**
 * Copies a typed array into memory it owns alone when it is a slice of a larger (e.g. pooled
 * Buffer or native sharp) allocation; transferring such a buffer would detach unrelated data.
 */
export function ownedCopy<T extends FieldArray>(view: T): T {
  if (ownsBuffer(view) && !Buffer.isBuffer(view)) return view;
  const Ctor = view.constructor as new (src: ArrayLike<number>) => T;
  return new Ctor(view);
}

/**
 * Wraps a worker's result so Piscina transfers every typed array found in its top-level
 * fields (or nested up to three levels, as in a chunk of results) instead of copying them.
 */
export function moveOut<T extends object>(value: T): T {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v) && ownsBuffer(v) && !Buffer.isBuffer(v)) buffers.add(v.buffer as ArrayBuffer);
    else if (v && typeof v === 'object' && depth < 4) for (const child of Object.values(v)) visit(child, depth + 1);
  };
  visit(value, 0);
  const wrapper = {
    [Piscina.transferableSymbol]: [...buffers],
    [Piscina.valueSymbol]: value,
  };
  return Piscina.move(wrapper as unknown as ArrayBuffer) as unknown as T;
}

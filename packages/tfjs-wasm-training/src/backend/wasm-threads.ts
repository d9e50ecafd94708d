import * as fs from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';

/**
 * tfjs-backend-wasm 4.22 runs its threaded build only in browsers (tfjs#3830). In Node three things stand in
 * the way, each bridged here for the duration of the backend's start-up:
 * - it starts each pthread worker from a blob: URL and sends the main script as a Blob; Node workers load
 *   files. Blobs made during start-up are written to a private temporary folder instead, and the worker is
 *   told to read them by path (the main script is the package's own emscripten glue file).
 * - XNNPACK caps its pool at half the logical cores (it assumes hyper-threading): os.cpus() reports twice
 *   the requested threads while the module starts.
 * - the threaded build must be requested explicitly (its feature check says no in Node).
 */
const GLUE_NAME = 'tfjs-backend-wasm-threaded-simd.js';
/** The pthread pool the threaded build pre-creates; XNNPACK never uses more. */
export const MAX_WASM_THREADS = 8;

/** Lets the worker resolve a written blob (structured-cloned to a plain object) to its path. */
const WORKER_PREAMBLE = 'URL.createObjectURL=(b)=>(b&&typeof b.path==="string"?b.path:String(b));';

let folder: string | undefined;
let written = 0;

function scratchFolder(): string {
  if (folder === undefined) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'mtssl-wasm-'));
    folder = made;
    process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  }
  return folder;
}

function gluePath(): string {
  return require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${GLUE_NAME}`);
}

/** Stand-in for Blob during start-up: the content goes to a file, the object carries its path. */
class FileBlob {
  readonly path: string;
  constructor(parts: readonly unknown[]) {
    const text = parts.map(String).join('');
    if (text.startsWith('var WasmBackendModuleThreadedSimd')) {
      this.path = gluePath(); // the bundle's copy refers to its own scope; the package's file does not
      return;
    }
    const strict = '"use strict";';
    const body = text.startsWith(strict) ? strict + WORKER_PREAMBLE + text.slice(strict.length) : WORKER_PREAMBLE + text;
    this.path = path.join(scratchFolder(), `worker-${written++}.js`);
    fs.writeFileSync(this.path, body);
  }
}

/** Installs the shims for `threads` threads; the returned function removes them. */
export function installWasmThreadShims(threads: number): () => void {
  const g = globalThis as { Blob: unknown };
  const realBlob = g.Blob;
  const realCreate = URL.createObjectURL;
  const realCpus = os.cpus;
  g.Blob = FileBlob;
  URL.createObjectURL = (obj: unknown): string => (obj instanceof FileBlob ? obj.path : realCreate(obj as Blob));
  const cpu = realCpus()[0];
  (os as { cpus: () => os.CpuInfo[] }).cpus = () => Array.from({ length: 2 * threads }, () => cpu as os.CpuInfo);
  return () => {
    g.Blob = realBlob;
    URL.createObjectURL = realCreate;
    (os as { cpus: () => os.CpuInfo[] }).cpus = realCpus;
  };
}

interface PthreadWorker {
  unref(): void;
}
interface EmscriptenPthreads {
  PThread?: { runningWorkers: PthreadWorker[]; unusedWorkers: PthreadWorker[] };
}

/**
 * XNNPACK's pool threads stay running (waiting for work) and emscripten refs their Node workers, which
 * would keep the process alive after training ends; unref them so exit is decided by our own work.
 */
export function unrefWasmWorkers(module: EmscriptenPthreads): void {
  const pool = module.PThread;
  if (pool === undefined) return;
  for (const w of [...pool.runningWorkers, ...pool.unusedWorkers]) w.unref();
}

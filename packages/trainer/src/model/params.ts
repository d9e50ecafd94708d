// One registry of named variables for the whole network. Initial values come from a generator
// keyed by (seed, variable name), so a variable's start value does not depend on creation order.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@mtssl/core';

export type Init = { kind: 'he'; fanIn: number } | { kind: 'const'; value: number };

let nextRegistry = 0;

export class ParamRegistry {
  private readonly vars = new Map<string, tf.Variable>();
  /** tfjs variable names are global; a per-registry scope lets two networks live side by side. */
  private readonly scope = `net${nextRegistry++}/`;
  private disposed = false;

  constructor(private readonly seed: number) {}

  /** The variable `name`, created on first request with the given shape and initialiser. */
  get(name: string, shape: number[], init: Init, trainable = true): tf.Variable {
    // a disposed network would otherwise quietly rebuild itself from its initial values
    if (this.disposed) throw new Error(`parameter ${name} requested after the network was disposed`);
    const existing = this.vars.get(name);
    if (existing) {
      if (existing.shape.join(',') !== shape.join(',')) {
        throw new Error(`parameter ${name} is [${existing.shape}] but requested as [${shape}]`);
      }
      return existing;
    }
    const values = this.initialValues(name, shape, init);
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), trainable, this.scope + name));
    this.vars.set(name, variable);
    return variable;
  }

  private initialValues(name: string, shape: number[], init: Init): Float32Array {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (init.kind === 'const') return values.fill(init.value);
    // He normal: keeps activation variance steady through ReLU layers.
    const rng = Rng.from(this.seed, 'init', name);
    const std = Math.sqrt(2 / init.fanIn);
    for (let i = 0; i < size; i++) values[i] = rng.normal(0, std);
    return values;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /** Variables whose name starts with one of the prefixes, in creation order (stable across runs). */
  select(prefixes: readonly string[], trainableOnly = true): tf.Variable[] {
    return this.entries(prefixes, trainableOnly).map(([, v]) => v);
  }

  /** [logical name, variable] pairs, in creation order. */
  entries(prefixes: readonly string[] = [''], trainableOnly = false): Array<[string, tf.Variable]> {
    return [...this.vars.entries()].filter(([name, v]) => (!trainableOnly || v.trainable) && prefixes.some((p) => name.startsWith(p)));
  }

  /** The registry's name for a variable (without the per-registry scope). */
  logicalName(variable: tf.Variable): string {
    return variable.name.startsWith(this.scope) ? variable.name.slice(this.scope.length) : variable.name;
  }

  all(): tf.Variable[] {
    return [...this.vars.values()];
  }

  count(prefixes: readonly string[] = ['']): number {
    return this.select(prefixes, false).reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
    this.disposed = true;
  }
}

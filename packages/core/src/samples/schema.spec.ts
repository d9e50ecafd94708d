import { runInNewContext } from 'node:vm';
import { checkSample, dtypeOf, SampleSchema } from './schema';

const schema: SampleSchema = {
  task: 'relative-position',
  version: 1,
  fields: [
    { name: 'patches', dtype: 'uint8', shape: [2, 4, 4, 3] },
    { name: 'label', dtype: 'int32', shape: [1] },
  ],
};

describe('checkSample', () => {
  it('accepts a matching sample, including arrays from another realm', () => {
    const foreignInt = runInNewContext('new Int32Array(1)') as Int32Array;
    expect(dtypeOf(foreignInt)).toBe('int32');
    expect(() => checkSample(schema, { patches: new Uint8Array(96), label: foreignInt })).not.toThrow();
  });

  it('names the field and the mismatch', () => {
    expect(() => checkSample(schema, { patches: new Uint8Array(96) })).toThrow('sample has no field "label"');
    expect(() => checkSample(schema, { patches: new Uint8Array(96), label: new Float32Array(1) })).toThrow(
      'field "label" is float32, schema says int32',
    );
    expect(() => checkSample(schema, { patches: new Uint8Array(95), label: new Int32Array(1) })).toThrow(
      'field "patches" has 95 elements, schema shape [2, 4, 4, 3] needs 96',
    );
  });
});

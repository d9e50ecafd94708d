// Checks each dataset's schema against what the network expects, before the first batch, so a
// mismatch fails with the task, the field and the fix instead of a shape error deep in a step.
import { FieldSpec, SampleSchema, TaskName, findField } from '@mtssl/core';
import { ModelOptions, featureSide, outputStride } from '../model/config';

export class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError';
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

function field(task: TaskName, schema: SampleSchema, name: string, dtype: FieldSpec['dtype'], rank: number): readonly number[] {
  let spec: FieldSpec;
  try {
    spec = findField(schema, name);
  } catch (error) {
    throw new SchemaMismatchError(error instanceof Error ? error.message : String(error));
  }
  if (spec.dtype !== dtype) throw new SchemaMismatchError(`${task}: ${name} is ${spec.dtype} but the trainer needs ${dtype}`);
  if (spec.shape.length !== rank) throw new SchemaMismatchError(`${task}: ${name} is ${shapeText(spec.shape)} but the trainer needs rank ${rank}`);
  return spec.shape;
}

function expect(task: TaskName, ok: boolean, message: string): void {
  if (!ok) throw new SchemaMismatchError(`${task}: ${message}`);
}

function checkImage(task: TaskName, name: string, shape: readonly number[], channelsAt: number): void {
  const c = shape[channelsAt] as number;
  expect(task, c === 1 || c === 3, `${name} is ${shapeText(shape)}; images need 1 or 3 channels`);
}

function checkAttribute(task: TaskName, schema: SampleSchema, key: string, actual: number): void {
  const stated = schema.attributes?.[key];
  if (stated !== undefined) expect(task, stated === actual, `attribute ${key} is ${String(stated)} but the fields say ${actual}`);
}

function checkRelativePosition(schema: SampleSchema, model: ModelOptions): void {
  const t = 'relative-position';
  const patches = field(t, schema, 'patches', 'uint8', 4);
  expect(t, patches[0] === 2 && patches[1] === patches[2], `patches is ${shapeText(patches)} but the trainer needs [2,P,P,C]`);
  checkImage(t, 'patches', patches, 3);
  const label = field(t, schema, 'label', 'int32', 1);
  expect(t, label[0] === 1, `label is ${shapeText(label)} but the trainer needs [1]`);
  checkAttribute(t, schema, 'patchSize', patches[1] as number);
  expect(
    t,
    patches[1] === model.rpPatchSize,
    `patches are ${patches[1]}x${patches[1]} but the model's relative-position head was built for rpPatchSize ${model.rpPatchSize}`,
  );
}

function checkColorization(schema: SampleSchema, model: ModelOptions): void {
  const t = 'colorization';
  const input = field(t, schema, 'input', 'uint8', 3);
  expect(t, input[0] === input[1], `input is ${shapeText(input)} but the trainer needs a square [S,S,C]`);
  checkImage(t, 'input', input, 2);
  const bins = field(t, schema, 'ab_bins', 'int32', 3);
  const weights = field(t, schema, 'ab_weights', 'float32', 3);
  expect(t, shapeText(bins) === shapeText(weights), `ab_bins is ${shapeText(bins)} but ab_weights is ${shapeText(weights)}`);
  const sw = field(t, schema, 'sample_weight', 'float32', 1);
  expect(t, sw[0] === 1, `sample_weight is ${shapeText(sw)} but the trainer needs [1]`);
  const side = input[0] as number;
  const out = featureSide(side, model);
  const hint = model.stride8 ? `set targetSize ${out}` : `set targetSize ${out} or use stride8`;
  expect(
    t,
    bins[0] === out && bins[1] === out,
    `ab_bins is ${shapeText(bins)} but the model's colorization head outputs ${out}x${out} at input ${side} with output stride ${outputStride(model)}; ${hint}`,
  );
  const numBins = schema.attributes?.['numBins'];
  if (numBins !== undefined) expect(t, numBins === model.numBins, `numBins is ${String(numBins)} but the model's colorization head has ${model.numBins}`);
}

function checkExemplar(schema: SampleSchema): void {
  const t = 'exemplar';
  const views = field(t, schema, 'views', 'uint8', 4);
  expect(t, views[0] === 3 && views[1] === views[2], `views is ${shapeText(views)} but the trainer needs [3,P,P,C]`);
  checkImage(t, 'views', views, 3);
  checkAttribute(t, schema, 'patchSize', views[1] as number);
}

function checkMotion(schema: SampleSchema): void {
  const t = 'motion';
  const frame = field(t, schema, 'frame', 'uint8', 3);
  checkImage(t, 'frame', frame, 2);
  const mask = field(t, schema, 'mask', 'uint8', 2);
  expect(t, mask[0] === frame[0] && mask[1] === frame[1], `mask is ${shapeText(mask)} but frame is ${shapeText(frame)}`);
}

/** Throws SchemaMismatchError naming the task, the field and the mismatch. */
export function checkDatasetSchema(task: TaskName, schema: SampleSchema, model: ModelOptions): void {
  if (schema.task !== task) throw new SchemaMismatchError(`${task}: the dataset given for ${task} holds ${schema.task} samples`);
  switch (task) {
    case 'relative-position':
      return checkRelativePosition(schema, model);
    case 'colorization':
      return checkColorization(schema, model);
    case 'exemplar':
      return checkExemplar(schema);
    case 'motion':
      return checkMotion(schema);
  }
}

/** Relative position's patch side, which fixes the size of its first fully connected layer. */
export function relativePositionPatchSize(schema: SampleSchema): number {
  return (findField(schema, 'patches').shape[1] as number) ?? 0;
}

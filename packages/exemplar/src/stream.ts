// The exemplar PretextStream: options, schema, default length, the pooled stream and its preview.
import { driveStream, EpochOrder, PretextStream, ResolvedManifest, resolveWorkerFile, SampleStream, StreamContext } from '@mtssl/core';
import { EXEMPLAR_DEFAULTS, EXEMPLAR_PRESETS, ExemplarOptions, resolveExemplarOptions } from './options';
import { previewExemplar } from './preview';
import { exemplarSchema } from './schema';
import { negativeRng, pickNegatives } from './seeds';
import { SeedRef, TASK_KEY, TripletTask } from './task';

/** Samples a worker makes at a time: CHUNK_SIZE + 1 decodes for CHUNK_SIZE triplets. */
const CHUNK_SIZE = 8;

function openExemplar(manifest: ResolvedManifest, options: Readonly<ExemplarOptions>, context: StreamContext): SampleStream {
  const o = resolveExemplarOptions(options);
  const files = manifest.images.map((i) => i.path);
  if (files.length < 2) {
    throw new Error(`exemplar: negatives come from another image, manifest ${manifest.name} lists ${files.length}`);
  }
  const spi = o.seedsPerImage;
  // Every seed is the anchor once per epoch, in a seeded order.
  const order = new EpochOrder(context.seed, TASK_KEY, files.length * spi);
  const ref = (image: number, seedNo: number): SeedRef => ({ image, seedNo, file: files[image] as string });
  const anchorAt = (k: number): SeedRef => {
    const s = order.at(k);
    return ref(Math.floor(s / spi), s % spi);
  };
  const taskFor = (k: number): TripletTask => {
    const anchor = anchorAt(k);
    const random = pickNegatives(negativeRng(context.seed, k), anchor.image, files.length, spi).map((n) => ref(n.image, n.seedNo));
    // The next sample's anchor (the epoch order makes it a uniform other seed) comes first: a worker
    // then decodes one image for two samples. The random draws stand behind it if its image is bad.
    const next = anchorAt(k + 1);
    const negatives = next.image === anchor.image ? random : [next, ...random.slice(0, random.length - 1)];
    return { index: k, seed: context.seed, anchor, negatives, options: o };
  };
  return driveStream<TripletTask>({
    schema: exemplarSchema(o),
    workerFile: resolveWorkerFile(__dirname, 'exemplar.worker'),
    context,
    chunkSize: CHUNK_SIZE,
    taskFor,
    filesFor: (_k, t) => [t.anchor.file, (t.negatives[0] as SeedRef).file],
  });
}

export const exemplarStream: PretextStream<ExemplarOptions> = Object.freeze({
  task: 'exemplar',
  source: 'images',
  defaults: EXEMPLAR_DEFAULTS,
  presets: EXEMPLAR_PRESETS,
  resolveOptions: resolveExemplarOptions,
  schema: exemplarSchema,
  /** One triplet per seed: an epoch uses every seed once as the anchor. */
  defaultTotal: (manifest: ResolvedManifest, options: Readonly<ExemplarOptions>) =>
    manifest.images.length * options.seedsPerImage,
  open: openExemplar,
  preview: previewExemplar,
});

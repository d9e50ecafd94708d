// Data manifests: the JSON format, loading (files, labels, seeded split) and making one for a folder.
export { manifestFromFolder } from './manifest-from-folder';
export { type Split, type ResolvedManifest, type CorpusGenerator, ManifestError, loadManifest } from './manifest';

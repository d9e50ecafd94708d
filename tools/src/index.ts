export * from './default-corpus';
export * from './corpus-images';
export * from './corpus-videos';
export * from './raster';

// Image files to RGB pixels: reading the bytes safely, the JPEG header, decoding (libvips, or JS for
// small plain JPEGs) and resizing.
export { BadImage } from './bad-image';
export { decodeImage, decodeImageView, decodeImageFull, setDecodeCacheBytes, decodeCacheStats } from './decode-image';
export type { DecodeCacheStats } from './decode-cache';
export { readImageBytes } from './image-bytes';
export { type ImageView, viewOf } from './image-view';
export { canResampleInJs, resizeRgb, resizeRgbRegion, cropRgb, mirrorRgb } from './resample';
export { type RgbImage } from './rgb-image';
export { SMALL_JPEG_MAX_PIXELS } from './small-jpeg';

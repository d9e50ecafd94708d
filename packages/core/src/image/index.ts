// Image files to RGB pixels: reading the bytes safely, the JPEG header, decoding (libvips, or JS for
// small plain JPEGs) and resizing.
export { BadImage } from './bad-image';
export { decodeImage, decodeImageFull, decodeImageView, isUnknownError, type DecodeLimits, type SizeLimits } from './decode-image';
export type { RgbImage } from './rgb-image';
export { resizedView, viewOf, type ImageView } from './image-view';
export { readImageBytes } from './image-bytes';
export { readJpegHeader, type JpegHeader } from './jpeg-header';
export { canResampleInJs, cropRgb, mirrorRgb, resizeRgb, resizeRgbRegion, JS_RESAMPLE_MIN_SCALE } from './resample';
export { decodeSmallJpeg, isSmallPlainJpeg, SMALL_JPEG_MAX_PIXELS } from './small-jpeg';

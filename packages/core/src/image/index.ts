// Image files to RGB pixels: reading the bytes safely, the JPEG header, decoding (libvips, or JS for
// small plain JPEGs) and resizing.
export { BadImage } from './bad-image';
export { decodeImage, decodeImageFull, isUnknownError, type DecodeLimits, type SizeLimits, type RgbImage } from './decode-image';
export { readImageBytes } from './image-bytes';
export { readJpegHeader, type JpegHeader } from './jpeg-header';
export { canResampleInJs, cropRgb, mirrorRgb, resizeRgb, JS_RESAMPLE_MIN_SCALE } from './resample';
export { decodeSmallJpeg, isSmallPlainJpeg, SMALL_JPEG_MAX_PIXELS } from './small-jpeg';

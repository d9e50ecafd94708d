// A decoded image at its target size, read region by region: a stream that cuts a few patches from an
// enlarged small image (relative position) pays for the patches, not for the whole enlargement.
import type { RgbImage } from './rgb-image';
import { cropRgb, resizeRgb, resizeRgbRegion } from './resample';

export interface ImageView {
  readonly width: number;
  readonly height: number;
  /** RGB bytes of the width x height region at (left, top); throws a RangeError outside the image. */
  crop(left: number, top: number, width: number, height: number): Uint8Array;
  /** The whole image. */
  image(): RgbImage;
  /** Bytes of pixels the view holds (0 once they were transferred to another thread). */
  readonly byteLength: number;
}

/** A view of pixels already in memory. */
export function viewOf(image: RgbImage): ImageView {
  return {
    width: image.width,
    height: image.height,
    crop: (left, top, width, height) => cropRgb(image, left, top, width, height).data,
    image: () => image,
    get byteLength() {
      return image.data.byteLength;
    },
  };
}

/**
 * A view of `source` resized to toWidth x toHeight (resizeRgb's pixels). An enlargement is computed per
 * region; a reduction (whole-image passes, as libvips makes them) or no resize at all is done once.
 */
export function resizedView(source: RgbImage, toWidth: number, toHeight: number): ImageView {
  if (toWidth <= source.width && toHeight <= source.height) return viewOf(resizeRgb(source, toWidth, toHeight));
  return {
    width: toWidth,
    height: toHeight,
    crop: (left, top, width, height) => resizeRgbRegion(source, toWidth, toHeight, left, top, width, height),
    image: () => resizeRgb(source, toWidth, toHeight),
    get byteLength() {
      return source.data.byteLength;
    },
  };
}

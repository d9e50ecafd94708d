/** A decoded 3-channel (RGB, HWC, uint8) image. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

import { accessSync, chmodSync, constants, existsSync } from 'node:fs';

/**
 * The ffmpeg binary shipped by @ffmpeg-installer/ffmpeg. npm 11 may skip that package's
 * postinstall `chmod`, so the execute bit is restored here if it is missing.
 */
export function bundledFfmpeg(): string {
  const { path } = require('@ffmpeg-installer/ffmpeg') as { path: string };
  if (!existsSync(path)) throw new Error(`@ffmpeg-installer/ffmpeg: binary missing at ${path}`);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, 0o755);
  }
  return path;
}

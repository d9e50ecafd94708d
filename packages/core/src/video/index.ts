// Finding ffmpeg (motion stream, default-corpus generator).
export { resolveFfmpegPath } from './ffmpeg-path';

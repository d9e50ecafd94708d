// Finds an ffmpeg binary: an explicit path, else @ffmpeg-installer's static build (made executable
// if npm skipped its postinstall), else `ffmpeg` on PATH. The one place the project locates ffmpeg
// (the motion stream, the default-corpus generator, benches).
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installerPath(): string | undefined {
  try {
    const mod = require('@ffmpeg-installer/ffmpeg') as { path?: string };
    return typeof mod.path === 'string' ? mod.path : undefined;
  } catch {
    return undefined;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (existsSync(file) && statSync(file).isFile() && isExecutable(file)) return file;
  }
  return undefined;
}

/** The ffmpeg binary to run; throws with what was tried when none is usable. */
export function resolveFfmpegPath(explicit = ''): string {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`ffmpegPath ${explicit} does not exist`);
    if (!isExecutable(explicit)) throw new Error(`ffmpegPath ${explicit} is not executable`);
    return explicit;
  }
  const bundled = installerPath();
  if (bundled && existsSync(bundled)) {
    if (!isExecutable(bundled)) {
      try {
        chmodSync(bundled, 0o755);
      } catch {
        // read-only install: fall through to PATH
      }
    }
    if (isExecutable(bundled)) return bundled;
  }
  const system = onPath('ffmpeg');
  if (system) return system;
  throw new Error(`no ffmpeg found: @ffmpeg-installer/ffmpeg gave ${bundled ?? 'nothing'}, and none is on PATH (set ffmpegPath)`);
}

// Whether an existing dataset folder was made with this run's settings, compared by content: the
// manifest by its digest (not its path, so a moved or re-cloned checkout keeps its shards), every
// other setting by value. The answer names the first setting that differs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Settings whose difference never makes shards different: where the manifest file lies, the part, and
 * the stream options that only change speed (motion's chunk size and ffmpeg threads, timeouts, paths).
 */
const IGNORED = new Set(['manifest', 'part', 'options.chunkSize', 'options.ffmpegThreads', 'options.timeoutMs', 'options.ffmpegPath']);

export function manifestDigest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text === undefined ? 'absent' : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The first path at which two JSON values differ, as "options.patchSize: 32 stored, 24 now". */
function firstDifference(stored: unknown, now: unknown, path: string): string | null {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(stored) && isObj(now)) {
    for (const key of new Set([...Object.keys(stored), ...Object.keys(now)])) {
      if (IGNORED.has(path ? `${path}.${key}` : key)) continue;
      // datasets written before the digest existed carry only a path: nothing to compare
      if (path === '' && key === 'manifestSha256' && !(key in stored)) continue;
      const d = firstDifference(stored[key], now[key], path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  return JSON.stringify(stored) === JSON.stringify(now) ? null : `${path}: ${show(stored)} stored, ${show(now)} now`;
}

export type SettingsVerdict = { readonly kind: 'same' } | { readonly kind: 'grow'; readonly from: number } | { readonly kind: 'differs'; readonly what: string };

/** Same settings; same but more positions asked for (grow from the stored total); or what differs. */
export function compareSettings(stored: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>): SettingsVerdict {
  const storedTotal = stored['total'];
  const nowTotal = now['total'];
  const d = firstDifference({ ...stored, total: 0 }, { ...now, total: 0 }, '');
  if (d) return { kind: 'differs', what: d };
  if (typeof storedTotal === 'number' && typeof nowTotal === 'number' && nowTotal > storedTotal) return { kind: 'grow', from: storedTotal };
  if (storedTotal !== nowTotal) return { kind: 'differs', what: `total: ${show(storedTotal)} stored, ${show(nowTotal)} now (a dataset grows but never shrinks; ask for --samples ${show(storedTotal)} or more)` };
  return { kind: 'same' };
}

// Decoded images kept in a worker between epochs. A multi-epoch run (live training, preprocessing
// several epochs) asks for the same files again; the second decode gives the same pixels, so a worker
// keeps what it decoded, least recently used first out, up to a byte budget. Files are assumed not to
// change during a run. Only successes are kept: a bad file is decoded (and reported) each time.
import type { ImageView } from './image-view';

export interface DecodeCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

export class DecodeCache {
  private readonly entries = new Map<string, { view: ImageView; bytes: number }>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private maxBytes: number) {}

  /** Changes the budget, evicting what no longer fits; 0 turns caching off. */
  resize(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.evict();
  }

  /** The cached view for key, or load()'s, kept if it fits the budget. */
  async get(key: string, load: () => Promise<ImageView>): Promise<ImageView> {
    const cached = this.entries.get(key);
    // a view whose pixels were transferred out of this thread has an empty buffer: decode again
    if (cached && cached.view.byteLength === cached.bytes) {
      this.entries.delete(key);
      this.entries.set(key, cached); // most recently used last
      this.hits++;
      return cached.view;
    }
    if (cached) this.drop(key);
    this.misses++;
    const view = await load();
    const bytes = view.byteLength;
    if (bytes > 0 && bytes <= this.maxBytes) {
      this.drop(key); // a concurrent load of the same key may have landed first
      this.entries.set(key, { view, bytes });
      this.bytes += bytes;
      this.evict();
    }
    return view;
  }

  stats(): DecodeCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      this.drop(key);
    }
  }
}

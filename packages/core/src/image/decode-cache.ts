// Decoded images kept in a worker between epochs. A multi-epoch run (live training, preprocessing
// several epochs) asks for the same files again; the second decode gives the same pixels, so a worker
// keeps what it decoded up to a byte budget. Files are assumed not to change during a run. Only
// successes are kept: a bad file is decoded (and reported) each time.
//
// Eviction is scan-resistant, not LRU: each epoch visits every file once in a fresh permutation, and
// under LRU a file's next visit comes after ~N other files, so with a budget of a fraction f of the
// corpus only ~f^2/2 of visits hit. Here the entries that filled the budget stay, and one spill slot
// holds the latest file beyond it (a stream that asks for the same file twice in a row still hits):
// visits hit with probability ~f.
import type { ImageView } from './image-view';

export interface DecodeCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

export class DecodeCache {
  private readonly entries = new Map<string, { view: ImageView; bytes: number }>();
  /** The entry admitted beyond the kept ones, replaced by the next miss that does not fit. */
  private spill: string | null = null;
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
      this.hits++;
      return cached.view;
    }
    if (cached) this.drop(key);
    this.misses++;
    const view = await load();
    const bytes = view.byteLength;
    if (bytes > 0 && bytes <= this.maxBytes) this.admit(key, view, bytes);
    return view;
  }

  stats(): DecodeCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }

  private admit(key: string, view: ImageView, bytes: number): void {
    this.drop(key); // a concurrent load of the same key may have landed first
    if (this.bytes + bytes > this.maxBytes) {
      // full: the newcomer takes the spill slot (and, if it is larger, room from the newest entries)
      if (this.spill !== null) this.drop(this.spill);
      this.evictDownTo(this.maxBytes - bytes);
      this.spill = key;
    }
    this.entries.set(key, { view, bytes });
    this.bytes += bytes;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    if (this.spill === key) this.spill = null;
  }

  private evict(): void {
    this.evictDownTo(this.maxBytes);
  }

  /** Newest first, so the entries kept longest stay. */
  private evictDownTo(limit: number): void {
    if (this.bytes <= limit) return;
    for (const key of [...this.entries.keys()].reverse()) {
      this.drop(key);
      if (this.bytes <= limit) return;
    }
  }
}

/**
 * Serialized tree bodies, keyed by everything the body depends on: engagement, revision, what the
 * caller's role may see, and a stamp of the annotations (evidence, findings' visibility, actions).
 * A revision never changes, so a key either still describes the database or is never asked for
 * again; entries are dropped least-recently-used. One cache per app instance; the key is derived
 * from the database, so several API replicas each keep their own without going stale.
 */
export interface TreeBody {
  revision: number;
  currentRevision: number;
  /** The response body, already validated against TreeSchema and serialized. */
  json: string;
}

export class TreeCache {
  private readonly entries = new Map<string, TreeBody>();
  private bytes = 0;

  /** Bounded by entries and by the total length of the bodies (a 2,000-node tree is about 0.4 MB). */
  constructor(
    private readonly capacity = 128,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  static key(engagementId: string, revision: number, currentRevision: number, roleClass: string, stamp: string): string {
    return `${engagementId}|${revision}/${currentRevision}|${roleClass}|${stamp}`;
  }

  get(key: string): TreeBody | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: TreeBody): void {
    this.drop(key);
    if (body.json.length > this.maxChars) return;
    this.entries.set(key, body);
    this.bytes += body.json.length;
    while (this.entries.size > this.capacity || this.bytes > this.maxChars) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.drop(oldest.value);
    }
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.json.length;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

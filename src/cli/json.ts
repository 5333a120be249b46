/**
 * JSON.stringify for many answers that share parts. bulkDiagnose answers every address of a domain
 * from one diagnosis, sharing its checks, fixes and invite; serialising each shared part once makes
 * `bulk --json` several times faster. The text is exactly JSON.stringify's (compact form).
 */
export class JsonWriter {
  /** Serialised text of objects met more than once; an entry lives as long as its object. */
  private readonly memo = new WeakMap<object, string>();
  /** Objects met once: a line's own objects are never kept, only the parts lines share. */
  private readonly seen = new WeakSet<object>();

  stringify(value: unknown): string {
    return this.encode(value) ?? 'null';
  }

  private encode(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const hit = this.memo.get(value);
    if (hit !== undefined) return hit;
    let text: string;
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      text = JSON.stringify(value);
    } else if (Array.isArray(value)) {
      text = '[' + value.map((item) => this.encode(item) ?? 'null').join(',') + ']';
    } else {
      const parts: string[] = [];
      for (const key of Object.keys(value)) {
        const item = this.encode((value as Record<string, unknown>)[key]);
        if (item !== undefined) parts.push(JSON.stringify(key) + ':' + item);
      }
      text = '{' + parts.join(',') + '}';
    }
    if (this.seen.has(value)) this.memo.set(value, text);
    else this.seen.add(value);
    return text;
  }
}

/**
 * JSON lines for many answers that share parts. bulkDiagnose answers every address of a domain from
 * one diagnosis, sharing its inbound and invite answers: each shared part is serialised and encoded
 * to UTF-8 once, then copied as bytes into every line that holds it. The text is exactly
 * JSON.stringify's (compact form).
 */
export class JsonWriter {
  /** The bytes of objects met more than once; an entry lives as long as its object. */
  private readonly memo = new WeakMap<object, Buffer>();
  /** Objects met once: a line's own objects are never kept, only the parts lines share. */
  private readonly seen = new WeakSet<object>();
  /** The batch: finished bytes, then text not yet encoded. */
  private parts: Buffer[] = [];
  private pending = '';

  /** The JSON text of one value. */
  stringify(value: unknown): string {
    this.append(value);
    return this.take().toString('utf8');
  }

  /** Adds one value's JSON and a newline to the batch. */
  line(value: unknown): void {
    this.append(value);
    this.pending += '\n';
  }

  /** The batch's bytes; the next batch starts empty. */
  take(): Buffer {
    this.flush();
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    return bytes;
  }

  private flush(): void {
    if (this.pending) {
      this.parts.push(Buffer.from(this.pending, 'utf8'));
      this.pending = '';
    }
  }

  private append(value: unknown): void {
    if (!this.put(value, true)) this.pending += 'null';
  }

  /**
   * Adds value's JSON; false when JSON has none (undefined, a function, a symbol). The line's own
   * object is written field by field; a part below it is written by JSON.stringify, and kept as bytes
   * from its second meeting on.
   */
  private put(value: unknown, top = false): boolean {
    if (typeof value !== 'object' || value === null) {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) return false;
      this.pending += text;
      return true;
    }
    const known = this.memo.get(value);
    if (known) {
      this.flush();
      this.parts.push(known);
    } else if (top) {
      this.putFields(value);
    } else if (this.seen.has(value)) {
      const bytes = Buffer.from(JSON.stringify(value), 'utf8');
      this.memo.set(value, bytes);
      this.flush();
      this.parts.push(bytes);
    } else {
      this.seen.add(value);
      this.pending += JSON.stringify(value);
    }
    return true;
  }

  private putFields(value: object): void {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || Array.isArray(value)) {
      this.pending += JSON.stringify(value);
      return;
    }
    this.pending += '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      this.pending += (first ? '' : ',') + JSON.stringify(key) + ':';
      first = false;
      this.put(item);
    }
    this.pending += '}';
  }
}

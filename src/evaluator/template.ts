/**
 * An answer with stand-ins (tokens) in its strings, filled in for one sender at a time. Filling in
 * copies only the objects on the way to a string that holds a token; every other part of the answer
 * is shared, by identity, between all the answers made from one template.
 */
export interface Template<T> {
  /** The value with the i-th token replaced by `values[i]` in every string. */
  make(values: readonly string[]): T;
  /**
   * The template with some tokens filled in now (`values[i]`, or undefined to keep token i): the
   * answer of a domain, say, with only its sender left to fill in. Its `make` takes the same
   * positions; a filled-in position is ignored.
   */
  fill(values: readonly (string | undefined)[]): Template<T>;
  /**
   * JSON.stringify(make(values)) as UTF-8, in pieces: the template's JSON text is cut at its tokens
   * and encoded once, so a line costs the encoding of its values only.
   */
  jsonBytes(values: readonly string[]): Uint8Array[];
}

const utf8 = new TextEncoder();

/** One object, array or string of the value that holds a token, and how to make it. */
interface Node {
  /** The object or array copied (its other parts shared), or the string's text between tokens. */
  base: unknown;
  /** The tokens it holds, a bit each. */
  mask: number;
  /** Object or array: which of its entries hold a token, and their nodes. */
  keys?: (string | number)[];
  children?: Node[];
  /** String: text, token position, text, …, text. */
  parts?: string[];
  slots?: number[];
}

export function template<T>(value: T, tokens: readonly string[]): Template<T> {
  const pattern = new RegExp(`(${tokens.map(escape).join('|')})`);
  return wrap<T>(value, build(value, tokens, pattern), tokens);
}

/** `standIns[i]`: the text that stands for token i in `value` (undefined: filled in already). */
function wrap<T>(value: T, root: Node | null, standIns: readonly (string | undefined)[]): Template<T> {
  let json: { parts: Uint8Array[]; slots: number[] } | undefined;
  return {
    make: root ? (values) => make(root, values) as T : () => value,
    fill(values) {
      if (!root) return this;
      const made = make(
        root,
        values.map((v, i) => v ?? TOKEN_KEPT[i]),
      );
      return wrap<T>(
        made as T,
        keep(root, made, values),
        values.map((v, i) => (v === undefined ? TOKEN_KEPT[i] : undefined)),
      );
    },
    jsonBytes(values) {
      if (!json) {
        // JSON escapes a string character by character, so a token's escaped text stands for it.
        const escaped = standIns.map((t) => (t === undefined ? undefined : JSON.stringify(t).slice(1, -1)));
        const live = escaped.flatMap((t, i) => (t === undefined ? [] : [[t, i] as const]));
        const text = JSON.stringify(value);
        const split = live.length
          ? text.split(new RegExp(`(${live.map(([t]) => escape(t)).join('|')})`))
          : [text];
        json = { parts: [], slots: [] };
        for (let i = 0; i < split.length; i++)
          if (i % 2 === 0) json.parts.push(utf8.encode(split[i]));
          else json.slots.push(live.find(([t]) => t === split[i])![1]);
      }
      const { parts, slots } = json;
      const out: Uint8Array[] = [parts[0]];
      for (let i = 0; i < slots.length; i++)
        out.push(utf8.encode(JSON.stringify(values[slots[i]]).slice(1, -1)), parts[i + 1]);
      return out;
    },
  };
}

/** Stands for a kept token in the copy fill() makes; the nodes keep() returns write the token again. */
const TOKEN_KEPT = Array.from({ length: 31 }, (_, i) => `\u0000kept${i}\u0000`);

function escape(token: string): string {
  return token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function build(value: unknown, tokens: readonly string[], pattern: RegExp): Node | null {
  if (typeof value === 'string') {
    if (!pattern.test(value)) return null;
    // split with a capture group: text, token, text, token, …, text.
    const split = value.split(pattern);
    const parts: string[] = [];
    const slots: number[] = [];
    let mask = 0;
    for (let i = 0; i < split.length; i++) {
      if (i % 2 === 0) parts.push(split[i]);
      else {
        const slot = tokens.indexOf(split[i]);
        slots.push(slot);
        mask |= 1 << slot;
      }
    }
    return { base: value, mask, parts, slots };
  }
  if (value === null || typeof value !== 'object') return null;
  const keys: (string | number)[] = [];
  const children: Node[] = [];
  let mask = 0;
  const add = (k: string | number, item: unknown) => {
    const node = build(item, tokens, pattern);
    if (node) {
      keys.push(k);
      children.push(node);
      mask |= node.mask;
    }
  };
  if (Array.isArray(value)) value.forEach((item, i) => add(i, item));
  else for (const k of Object.keys(value)) add(k, (value as Record<string, unknown>)[k]);
  return keys.length ? { base: value, mask, keys, children } : null;
}

function make(node: Node, values: readonly string[]): unknown {
  const { parts, slots } = node;
  if (parts && slots) {
    let out = parts[0];
    for (let i = 0; i < slots.length; i++) out += values[slots[i]] + parts[i + 1];
    return out;
  }
  const keys = node.keys!;
  const children = node.children!;
  const copy = (Array.isArray(node.base) ? node.base.slice() : { ...(node.base as object) }) as Record<
    string | number,
    unknown
  >;
  for (let i = 0; i < keys.length; i++) copy[keys[i]] = make(children[i], values);
  return copy;
}

/**
 * The nodes of `made` (made from `node` with the kept tokens' stand-ins) that still hold a kept
 * token: the filled-in tokens are text now.
 */
function keep(node: Node, made: unknown, values: readonly (string | undefined)[]): Node | null {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) kept |= 1 << i;
  return keepNode(node, made, values, kept);
}

function keepNode(
  node: Node,
  made: unknown,
  values: readonly (string | undefined)[],
  kept: number,
): Node | null {
  if (!(node.mask & kept)) return null;
  const { parts, slots } = node;
  if (parts && slots) {
    const outParts = [parts[0]];
    const outSlots: number[] = [];
    for (let i = 0; i < slots.length; i++) {
      const v = values[slots[i]];
      if (v === undefined) {
        outSlots.push(slots[i]);
        outParts.push(parts[i + 1]);
      } else outParts[outParts.length - 1] += v + parts[i + 1];
    }
    return { base: made, mask: node.mask & kept, parts: outParts, slots: outSlots };
  }
  const keys: (string | number)[] = [];
  const children: Node[] = [];
  const nodeKeys = node.keys!;
  for (let i = 0; i < nodeKeys.length; i++) {
    const child = keepNode(
      node.children![i],
      (made as Record<string | number, unknown>)[nodeKeys[i]],
      values,
      kept,
    );
    if (child) {
      keys.push(nodeKeys[i]);
      children.push(child);
    }
  }
  return { base: made, mask: node.mask & kept, keys, children };
}

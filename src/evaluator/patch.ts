import type { Snapshot } from './snapshot';
import type { Fix, Patch } from './result';

type Obj = Record<string, unknown>;
const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * How a copy made by a patch differs from what it was copied from: a record in the one key `key`, or
 * a list by the one entry `added` at its end. prepareSite indexes such a copy from the index of the
 * original (trying a fix on a site of thousands of entries then costs what the fix changes).
 */
export type Derivation = { from: object; key: string } | { from: unknown[]; added: string };
const derivations = new WeakMap<object, Derivation>();

/** What `copy` was made from by a patch, if it was. */
export function derivationOf(copy: object): Derivation | undefined {
  return derivations.get(copy);
}

/** Copy-on-write update of the value at `path`; untouched sections keep their identity (and their indexes). */
function update(root: Obj, path: string[], edit: (current: unknown) => unknown): Obj {
  const [head, ...rest] = path;
  const copy: Obj = { ...root };
  derivations.set(copy, { from: root, key: head });
  if (rest.length === 0) {
    const next = edit(root[head]);
    if (next === undefined) delete copy[head];
    else copy[head] = next;
  } else {
    const child = root[head];
    copy[head] = update(child && typeof child === 'object' ? (child as Obj) : {}, rest, edit);
  }
  return copy;
}

/** A copy of the snapshot with the patches applied. */
export function applyPatches(snapshot: Snapshot, patches: Patch[]): Snapshot {
  let out = snapshot as unknown as Obj;
  for (const p of patches) {
    switch (p.op) {
      case 'set':
        out = update(out, p.path, () => p.value);
        break;
      case 'delete':
        out = update(out, p.path, () => undefined);
        break;
      case 'add':
        out = update(out, p.path, (cur) => {
          const list = Array.isArray(cur) ? cur : [];
          if (list.some((x) => same(x, p.value))) return list;
          const added = [...list, p.value];
          derivations.set(added, { from: list, added: p.value });
          return added;
        });
        break;
      case 'remove':
        out = update(out, p.path, (cur) => (Array.isArray(cur) ? cur.filter((x) => !same(x, p.value)) : cur));
        break;
    }
  }
  return out as unknown as Snapshot;
}

/** A copy of the snapshot with every change of the fix applied. */
export function applyFix(snapshot: Snapshot, fix: Fix): Snapshot {
  return applyPatches(
    snapshot,
    fix.changes.flatMap((c) => c.patch),
  );
}

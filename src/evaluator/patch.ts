import type { Snapshot } from './snapshot';
import type { Fix, Patch } from './result';

type Obj = Record<string, unknown>;
const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** Copy-on-write update of the value at `path`; untouched sections keep their identity (and their indexes). */
function update(root: Obj, path: string[], edit: (current: unknown) => unknown): Obj {
  const [head, ...rest] = path;
  const copy: Obj = { ...root };
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
          return list.some((x) => same(x, p.value)) ? list : [...list, p.value];
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

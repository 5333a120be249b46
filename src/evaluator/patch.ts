import type { Snapshot } from './snapshot';
import type { Fix, Patch } from './result';

/** A copy of the snapshot with the patches applied. */
export function applyPatches(_snapshot: Snapshot, _patches: Patch[]): Snapshot {
  throw new Error('not implemented yet');
}

/** A copy of the snapshot with every change of the fix applied. */
export function applyFix(snapshot: Snapshot, fix: Fix): Snapshot {
  return applyPatches(
    snapshot,
    fix.changes.flatMap((c) => c.patch),
  );
}

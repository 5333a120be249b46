import base from './scenarios/base.json';
import { parseSnapshot, type Snapshot } from '../../src/evaluator';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deep-merges `set` onto `target`; null deletes a key, arrays replace. */
export function merge(target: Json, set: Json | undefined): Json {
  if (set === undefined) return target;
  if (set === null || typeof set !== 'object' || Array.isArray(set)) return set;
  const out: { [k: string]: Json } =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(set)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k] ?? null, v);
  }
  return out;
}

/** The base scenario site with some keys changed (null deletes). */
export function site(set?: Json): Snapshot {
  return parseSnapshot(merge(base as Json, set));
}

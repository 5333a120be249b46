/**
 * The messages between the app frame (where the app's code and the real @forge/react reconciler run)
 * and the host page (which draws the ForgeDoc with Atlaskit), as in Jira, where a UI Kit app runs in
 * its own sandboxed frame and the product renders what it sends. Everything that crosses is plain
 * JSON: function props become `{ __forgeFn: id }` (the `__id__` @forge/react attaches to them) and the
 * host calls them back by id with serialisable arguments.
 */

export interface ForgeDocNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDocNode[];
  key: string;
  forgeReactMajorVersion?: number;
}

export interface FunctionRef {
  __forgeFn: string;
}

/** A prop value that cannot cross the bridge (a React element, a symbol, a class instance). */
export interface UnsupportedRef {
  __unsupported: string;
}

export type PreviewPage = 'admin' | 'project';
export type PreviewRole = 'jira-admin' | 'project-admin';

/** What the toolbar chose: which page, which project, who is looking. */
export interface PreviewSession {
  page: PreviewPage;
  projectKey?: string;
  role: PreviewRole;
}

export type FrameMessage =
  | { kind: 'reconcile'; forgeDoc: ForgeDocNode }
  | { kind: 'error'; message: string }
  | { kind: 'invoke'; functionKey: string; phase: 'start' | 'end'; ok?: boolean }
  | { kind: 'unsupported-bridge-call'; cmd: string }
  | { kind: 'log'; level: 'warn' | 'error'; message: string };

export type FrameToHost = FrameMessage & { source: 'forge-preview-frame' };

export type HostToFrame = { source: 'forge-preview-host'; kind: 'call'; id: string; args: unknown[] };

export const FRAME_SOURCE = 'forge-preview-frame' as const;
export const HOST_SOURCE = 'forge-preview-host' as const;

export function isFunctionRef(value: unknown): value is FunctionRef {
  return typeof value === 'object' && value !== null && typeof (value as FunctionRef).__forgeFn === 'string';
}

export function isUnsupportedRef(value: unknown): value is UnsupportedRef {
  return (
    typeof value === 'object' && value !== null && typeof (value as UnsupportedRef).__unsupported === 'string'
  );
}

type Fn = ((...args: unknown[]) => unknown) & { __id__?: string };

let fallbackCounter = 0;

/**
 * Turns a value from a ForgeDoc into plain JSON, registering every function in `functions` under the
 * `__id__` the reconciler gave it (or a new one for functions nested deeper than the top-level props).
 */
export function serialiseValue(
  value: unknown,
  functions: Map<string, Fn>,
  seen = new Set<object>(),
): unknown {
  if (typeof value === 'function') {
    const fn = value as Fn;
    if (!fn.__id__) {
      fallbackCounter += 1;
      fn.__id__ = `nested-${fallbackCounter}`;
    }
    functions.set(fn.__id__, fn);
    return { __forgeFn: fn.__id__ } satisfies FunctionRef;
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'symbol' || typeof value === 'bigint') return { __unsupported: typeof value };
    return value;
  }
  if ('$$typeof' in (value as object)) return { __unsupported: 'a React element in a prop' };
  if (seen.has(value)) return { __unsupported: 'a circular structure' };
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => serialiseValue(item, functions, seen));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      if (value instanceof Date) return value.toISOString();
      return { __unsupported: `an instance of ${(value as object).constructor?.name ?? 'a class'}` };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = serialiseValue(v, functions, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

export function serialiseForgeDoc(doc: ForgeDocNode, functions: Map<string, Fn>): ForgeDocNode {
  return {
    type: doc.type,
    key: doc.key,
    props: serialiseValue(doc.props, functions) as Record<string, unknown>,
    children: doc.children.map((child) => serialiseForgeDoc(child, functions)),
    ...(doc.forgeReactMajorVersion ? { forgeReactMajorVersion: doc.forgeReactMajorVersion } : {}),
  };
}

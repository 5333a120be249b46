/**
 * A fake Forge host for UI Kit tests (see docs/frontend.md, "How the tests run the pages").
 *
 * `@forge/react` sends the whole rendered tree (the ForgeDoc) to the host with
 * `self.__bridge.callBridge('reconcile', { forgeDoc })` after every commit, and `@forge/bridge`
 * sends `invoke` and `view.getContext()` through the same `callBridge`. `@forge/bridge` captures
 * `__bridge.callBridge` when it is first loaded, so this module must be imported before anything
 * that imports `@forge/*`: make it the first import of a test file. It imports nothing from Forge.
 */

/** One node of the ForgeDoc the reconciler sends: text is `{ type: 'String', props: { text } }`. */
export interface ForgeDocNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDocNode[];
  key?: string;
}

export type InvokeHandler = (functionKey: string, payload: unknown) => unknown | Promise<unknown>;

export interface FakeHost {
  /** What `view.getContext()` answers. */
  context: Record<string, unknown>;
  /** Answers `invoke(functionKey, payload)`. */
  invoke: InvokeHandler;
  /** Every invoke made, in order. */
  invocations: { functionKey: string; payload: unknown }[];
  /** The ForgeDoc of the most recently rendered root, as of its last commit. */
  doc: ForgeDocNode | null;
  /** Errors the reconciler reported with `onError`. */
  errors: unknown[];
  /** Forgets invocations and the current root (call between tests). */
  reset(): void;
}

const seenRoots = new WeakSet<object>();
let currentRoot: object | null = null;

export const host: FakeHost = {
  context: {},
  invoke: (functionKey) => {
    throw new Error(`no fake answer for invoke("${functionKey}")`);
  },
  invocations: [],
  doc: null,
  errors: [],
  reset() {
    this.invocations = [];
    this.errors = [];
    this.doc = null;
    currentRoot = null;
  },
};

async function callBridge(cmd: string, data?: unknown): Promise<unknown> {
  switch (cmd) {
    case 'reconcile': {
      const forgeDoc = (data as { forgeDoc: ForgeDocNode }).forgeDoc;
      // Every ForgeReconciler.render() makes a new root object; only the newest one is "on screen",
      // so late commits of a root rendered by an earlier test cannot overwrite this test's page.
      if (!seenRoots.has(forgeDoc)) {
        seenRoots.add(forgeDoc);
        currentRoot = forgeDoc;
      }
      if (forgeDoc === currentRoot) host.doc = forgeDoc;
      return undefined;
    }
    case 'getContext':
      return JSON.parse(JSON.stringify(host.context));
    case 'invoke': {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      // The real bridge serialises the payload and the answer: so does the fake.
      const sent = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
      host.invocations.push({ functionKey, payload: sent });
      const answer = await host.invoke(functionKey, sent);
      return answer === undefined ? undefined : JSON.parse(JSON.stringify(answer));
    }
    case 'onError':
      host.errors.push((data as { error: unknown }).error);
      return undefined;
    default:
      return undefined;
  }
}

const g = globalThis as unknown as Record<string, unknown>;
g.self = globalThis;
g.__bridge = { callBridge };
// Lets React's act() flush updates of the Forge reconciler without warnings.
g.IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The fake Forge host inside the app frame: installs `self.__bridge.callBridge` before any @forge/*
 * module loads (@forge/bridge captures it at load time), so the app's real code, the real
 * @forge/react reconciler and the real @forge/bridge run unchanged.
 * - `reconcile` { forgeDoc }: serialised and posted to the host page, which draws it;
 * - `getContext`: the Forge context of the page the toolbar chose;
 * - `invoke` { functionKey, payload }: POST /api/invoke, answered by the real resolver on the server.
 */
import {
  FRAME_SOURCE,
  HOST_SOURCE,
  serialiseForgeDoc,
  type ForgeDocNode,
  type FrameMessage,
  type FrameToHost,
  type HostToFrame,
  type PreviewSession,
} from '../protocol';

export interface FrameBoot {
  session: PreviewSession;
  context: Record<string, unknown>;
}

declare global {
  interface Window {
    __PREVIEW_BOOT__?: FrameBoot;
    __bridge?: { callBridge: (cmd: string, data?: unknown) => Promise<unknown> };
  }
}

type Fn = ((...args: unknown[]) => unknown) & { __id__?: string };

const boot: FrameBoot = window.__PREVIEW_BOOT__ ?? {
  session: { page: 'admin', role: 'jira-admin' },
  context: {},
};

/**
 * Function props of the documents sent, by id, with the last document each was in. The host may call
 * one from a document the app has already replaced (fast typing: several keystrokes leave before the
 * new document arrives), so functions stay callable for the next KEEP_DOCUMENTS documents.
 */
const KEEP_DOCUMENTS = 50;
const functions = new Map<string, { fn: Fn; generation: number }>();
let generation = 0;

function post(message: FrameMessage): void {
  const full: FrameToHost = { ...message, source: FRAME_SOURCE };
  window.parent.postMessage(full, window.location.origin);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

async function invoke(data: unknown): Promise<unknown> {
  const { functionKey, payload } = (data ?? {}) as { functionKey?: string; payload?: unknown };
  post({ kind: 'invoke', functionKey: String(functionKey), phase: 'start' });
  let ok = false;
  try {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey, payload: payload ?? {}, session: boot.session }),
    });
    const body = (await response.json()) as { result?: unknown; error?: string };
    if (!response.ok)
      throw new Error(body.error ?? `invoke ${String(functionKey)} failed: HTTP ${response.status}`);
    ok = true;
    return body.result;
  } finally {
    post({ kind: 'invoke', functionKey: String(functionKey), phase: 'end', ok });
  }
}

async function callBridge(cmd: string, data?: unknown): Promise<unknown> {
  switch (cmd) {
    case 'reconcile': {
      const { forgeDoc } = data as { forgeDoc: ForgeDocNode };
      const found = new Map<string, Fn>();
      const serialised = serialiseForgeDoc(forgeDoc, found);
      generation += 1;
      for (const [id, fn] of found) functions.set(id, { fn, generation });
      for (const [id, entry] of functions) {
        if (entry.generation <= generation - KEEP_DOCUMENTS) functions.delete(id);
      }
      post({ kind: 'reconcile', forgeDoc: serialised });
      return undefined;
    }
    case 'getContext':
      return structuredClone(boot.context);
    case 'invoke':
      return invoke(data);
    case 'onError': {
      const { error } = (data ?? {}) as { error?: unknown };
      post({ kind: 'error', message: describe(error) });
      return undefined;
    }
    default:
      post({ kind: 'unsupported-bridge-call', cmd });
      return undefined;
  }
}

window.__bridge = { callBridge };

window.addEventListener('message', (event: MessageEvent<HostToFrame>) => {
  if (event.origin !== window.location.origin || event.data?.source !== HOST_SOURCE) return;
  if (event.data.kind !== 'call') return;
  const fn = functions.get(event.data.id)?.fn;
  if (!fn) {
    post({
      kind: 'error',
      message: `an event was dropped: its handler (${event.data.id}) is from a document ${KEEP_DOCUMENTS} or more renders old`,
    });
    return;
  }
  try {
    const result = fn(...event.data.args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).catch((error: unknown) =>
        post({ kind: 'error', message: describe(error) }),
      );
    }
  } catch (error) {
    post({ kind: 'error', message: describe(error) });
  }
});

window.addEventListener('error', (event) =>
  post({ kind: 'error', message: describe(event.error ?? event.message) }),
);
window.addEventListener('unhandledrejection', (event) =>
  post({ kind: 'error', message: describe(event.reason) }),
);

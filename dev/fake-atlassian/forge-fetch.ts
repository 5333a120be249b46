/**
 * Points the real @forge/api at the fake: `global.__forge_fetch__` (every requestJira, asUser and
 * asApp) and `global.fetch` for https://api.atlassian.com (the Admin API through egress).
 *
 * @forge/api keeps a reference to `global.fetch` when it loads, so this module installs its fetch
 * router as soon as it is imported: import it (or dev/fake-atlassian) BEFORE the code that imports
 * @forge/api (src/index.ts). The calling user reaches the fake as a header; run each invocation in
 * `runAs(accountId, …)` or use `invokeHandler`, which does. With `storage: createFakeStorage()` the real
 * @forge/kvs keeps its values in memory too (the benchmark and the local preview use that).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const ADMIN_API = 'https://api.atlassian.com';
const principal = new AsyncLocalStorage<string>();

interface Target {
  url: string;
  defaultAccountId?: string;
  storage?: FakeStorage;
}

/** Forge storage kept in memory, answering @forge/kvs's own requests (get, set, delete, secrets). */
export interface FakeStorage {
  values: Map<string, unknown>;
  secrets: Map<string, unknown>;
  /** Every storage request: "get key", "secret/set key", … */
  log: string[];
  /** Keys whose requests fail with 500, as storage would when unavailable. */
  failing?: RegExp;
}

export function createFakeStorage(): FakeStorage {
  return { values: new Map(), secrets: new Map(), log: [] };
}

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The Forge KVS REST protocol that @forge/kvs speaks (POST /api/v1/get, /set, /delete, /secret/…). */
function answerStorage(storage: FakeStorage, path: string, init?: RequestInit): Response {
  const body = JSON.parse(String(init?.body ?? '{}')) as { key?: string; value?: unknown };
  const match = /^\/api\/v1\/(secret\/)?(get|set|delete)$/.exec(path);
  if (!match || typeof body.key !== 'string') {
    return json(400, { code: 'BAD_REQUEST', message: `The fake storage does not support ${path}` });
  }
  const [, secret, op] = match;
  const map = secret ? storage.secrets : storage.values;
  storage.log.push(`${secret ?? ''}${op} ${body.key}`);
  if (storage.failing?.test(body.key))
    return json(500, { code: 'INTERNAL_SERVER_ERROR', message: 'Storage failed' });
  if (op === 'set') {
    map.set(body.key, JSON.parse(JSON.stringify(body.value)));
    return json(200);
  }
  if (!map.has(body.key)) return json(404, { code: 'KEY_NOT_FOUND', message: `No value for ${body.key}` });
  if (op === 'delete') {
    map.delete(body.key);
    return json(204);
  }
  return json(200, { key: body.key, value: map.get(body.key) });
}

const state: { target?: Target; originalFetch?: typeof fetch } = {};
const g = globalThis as typeof globalThis & {
  __forge_fetch__?: (
    options: { type: string; provider?: string; remote?: string; accountId?: string },
    path: string,
    init?: RequestInit,
  ) => Promise<Response>;
  __fakeAtlassianRouter__?: boolean;
};

function headersOf(init: RequestInit | undefined, extra: Record<string, string>): Headers {
  const headers = new Headers(init?.headers);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return headers;
}

function identity(): Record<string, string> {
  const accountId = principal.getStore() ?? state.target?.defaultAccountId;
  return accountId ? { 'x-fake-account-id': accountId } : {};
}

function installRouter(): void {
  if (g.__fakeAtlassianRouter__) return;
  g.__fakeAtlassianRouter__ = true;
  state.originalFetch = globalThis.fetch;
  const router = ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (state.target && url.startsWith(ADMIN_API)) {
      return state.originalFetch!(`${state.target.url}${url.slice(ADMIN_API.length)}`, {
        ...init,
        headers: headersOf(init, { 'x-fake-provider': 'egress' }),
      });
    }
    return state.originalFetch!(input, init);
  }) as typeof fetch;
  globalThis.fetch = router;
}

installRouter();

/**
 * Routes @forge/api to the fake at `url`: product requests (__forge_fetch__, type "fpp") and egress to
 * api.atlassian.com. `defaultAccountId` is the calling user outside `runAs`. `storage`: answer @forge/kvs in memory. Returns an uninstaller.
 */
export function installForgeFetch(
  url: string,
  options: { defaultAccountId?: string; storage?: FakeStorage } = {},
): () => void {
  installRouter();
  state.target = {
    url: url.replace(/\/+$/, ''),
    defaultAccountId: options.defaultAccountId,
    storage: options.storage,
  };
  g.__forge_fetch__ = async (opts, path, init) => {
    if (opts.type === 'kvs' && state.target?.storage) return answerStorage(state.target.storage, path, init);
    if (opts.type !== 'fpp' || (opts.remote && opts.remote !== 'jira')) {
      throw new Error(
        `The fake Atlassian API serves Jira only, not ${opts.type}/${opts.remote ?? ''} (mock @forge/kvs)`,
      );
    }
    return state.originalFetch!(`${state.target!.url}${path}`, {
      ...init,
      headers: headersOf(init, { 'x-fake-provider': opts.provider ?? 'none', ...identity() }),
    });
  };
  return () => {
    state.target = undefined;
    delete g.__forge_fetch__;
  };
}

/** Runs fn with `accountId` as the user that asUser() calls act for. */
export function runAs<T>(accountId: string, fn: () => T): T {
  return principal.run(accountId, fn);
}

type ForgeHandler = (
  request: { call: { functionKey: string; payload?: unknown }; context: Record<string, unknown> },
  runtime: { principal: { accountId: string } },
) => Promise<unknown>;

/** Calls a Forge resolver handler the way the runtime does, as `accountId`. */
export function invokeHandler(
  handler: ForgeHandler,
  call: { functionKey: string; payload?: unknown; context: Record<string, unknown>; accountId: string },
): Promise<unknown> {
  return runAs(call.accountId, () =>
    handler(
      { call: { functionKey: call.functionKey, payload: call.payload }, context: call.context },
      { principal: { accountId: call.accountId } },
    ),
  );
}

/**
 * Forge's key-value store, in memory, at the wire: what `@forge/kvs` sends through
 * `__forge_fetch__({ type: 'kvs' }, path, init)` is answered here, so the app's real storage code runs
 * and what it saves lasts as long as the preview server. Covers get/set/delete, their secret variants,
 * the batch calls and key queries (BEGINS_WITH, BETWEEN, comparisons); entities are not used by the app.
 */

interface Item {
  value: unknown;
  createdAt: number;
  updatedAt: number;
}

interface Where {
  property?: string;
  condition?: string;
  values?: unknown[];
}

const json = (status: number, body?: unknown): Response =>
  new Response(status === 204 ? null : body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const notFound = () => json(404, { code: 'KEY_NOT_FOUND', message: 'The key was not found' });

function matches(key: string, where: Where[] | undefined): boolean {
  for (const clause of where ?? []) {
    if (clause.property && clause.property !== 'key') continue;
    const [a, b] = (clause.values ?? []) as string[];
    switch (clause.condition) {
      case 'BEGINS_WITH':
        if (!key.startsWith(a)) return false;
        break;
      case 'BETWEEN':
        if (key < a || key > b) return false;
        break;
      case 'GREATER_THAN':
        if (!(key > a)) return false;
        break;
      case 'GREATER_THAN_EQUAL_TO':
        if (!(key >= a)) return false;
        break;
      case 'LESS_THAN':
        if (!(key < a)) return false;
        break;
      case 'LESS_THAN_EQUAL_TO':
        if (!(key <= a)) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

export interface MemoryKvs {
  /** Answers one request of @forge/kvs (path such as /api/v1/get, POST with a JSON body). */
  handle(path: string, init?: RequestInit): Promise<Response>;
  keys(): string[];
  clear(): void;
}

export function createMemoryKvs(): MemoryKvs {
  const stores = { plain: new Map<string, Item>(), secret: new Map<string, Item>() };

  const put = (store: Map<string, Item>, key: string, value: unknown) => {
    const now = Date.now();
    const previous = store.get(key);
    const item = { value: structuredClone(value), createdAt: previous?.createdAt ?? now, updatedAt: now };
    store.set(key, item);
    return item;
  };
  const view = (key: string, item: Item) => ({
    key,
    value: structuredClone(item.value),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  });

  async function handle(path: string, init?: RequestInit): Promise<Response> {
    const body = (init?.body ? JSON.parse(String(init.body)) : {}) as Record<string, unknown>;
    const secret = path.includes('/secret/');
    const store = secret ? stores.secret : stores.plain;
    const op = path.replace(/^\/api\/v1\//, '').replace(/^secret\//, '');
    const key = typeof body.key === 'string' ? body.key : '';
    switch (op) {
      case 'get': {
        const item = store.get(key);
        return item ? json(200, view(key, item)) : notFound();
      }
      case 'set': {
        const item = put(store, key, body.value);
        return json(200, view(key, item));
      }
      case 'delete':
        return store.delete(key) ? json(204) : notFound();
      case 'batch/get': {
        const items = (Array.isArray(body) ? body : []) as { key: string }[];
        return json(200, {
          successfulKeys: items
            .filter((i) => stores.plain.has(i.key))
            .map((i) => view(i.key, stores.plain.get(i.key) as Item)),
          failedKeys: items
            .filter((i) => !stores.plain.has(i.key))
            .map((i) => ({ key: i.key, error: { code: 'KEY_NOT_FOUND', message: 'The key was not found' } })),
        });
      }
      case 'batch/set': {
        const items = (Array.isArray(body) ? body : []) as { key: string; value: unknown }[];
        for (const i of items) put(stores.plain, i.key, i.value);
        return json(200, { successfulKeys: items.map((i) => ({ key: i.key })), failedKeys: [] });
      }
      case 'batch/delete': {
        const items = (Array.isArray(body) ? body : []) as { key: string }[];
        for (const i of items) stores.plain.delete(i.key);
        return json(200, { successfulKeys: items.map((i) => ({ key: i.key })), failedKeys: [] });
      }
      case 'query': {
        const limit = typeof body.limit === 'number' ? body.limit : 20;
        const after = typeof body.after === 'string' ? body.after : undefined;
        const keys = [...stores.plain.keys()]
          .sort()
          .filter((k) => matches(k, body.where as Where[] | undefined))
          .filter((k) => after === undefined || k > after);
        const page = keys.slice(0, limit);
        return json(200, {
          data: page.map((k) => view(k, stores.plain.get(k) as Item)),
          ...(keys.length > limit ? { cursor: page[page.length - 1] } : {}),
        });
      }
      case 'transaction': {
        const ops = body as { set?: { key: string; value: unknown }[]; delete?: { key: string }[] };
        for (const s of ops.set ?? []) put(stores.plain, s.key, s.value);
        for (const d of ops.delete ?? []) stores.plain.delete(d.key);
        return json(204);
      }
      default:
        return json(400, { code: 'UNSUPPORTED', message: `The preview's storage does not support ${path}` });
    }
  }

  return {
    handle,
    keys: () => [...stores.plain.keys(), ...[...stores.secret.keys()].map((k) => `secret:${k}`)],
    clear: () => {
      stores.plain.clear();
      stores.secret.clear();
    },
  };
}

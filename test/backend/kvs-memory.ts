/**
 * An in-memory @forge/kvs for tests (the only module the backend tests mock):
 *   jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
 * `memory` holds values and secrets and logs every operation, so a test can prove nothing was read or
 * written.
 */
export interface KvsOp {
  op: 'get' | 'set' | 'delete' | 'getSecret' | 'setSecret' | 'deleteSecret';
  key: string;
}

export const memory = {
  values: new Map<string, unknown>(),
  secrets: new Map<string, unknown>(),
  ops: [] as KvsOp[],
  /** Keys whose every operation fails, as storage would when unavailable. */
  failing: null as RegExp | null,
  reset(): void {
    this.values.clear();
    this.secrets.clear();
    this.ops.length = 0;
    this.failing = null;
  },
};

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** get, set and delete on one map, logged under `get`/`set`/`delete` plus the suffix ("Secret"). */
function operations(map: Map<string, unknown>, suffix: '' | 'Secret') {
  const log = (op: string, key: string) => {
    memory.ops.push({ op: `${op}${suffix}` as KvsOp['op'], key });
    if (memory.failing?.test(key)) throw new Error(`storage is unavailable (${op} ${key})`);
  };
  return {
    async get<T>(key: string): Promise<T | undefined> {
      log('get', key);
      return copy(map.get(key) as T | undefined);
    },
    async set<T>(key: string, value: T): Promise<void> {
      log('set', key);
      map.set(key, copy(value));
    },
    async delete(key: string): Promise<void> {
      log('delete', key);
      map.delete(key);
    },
  };
}

const values = operations(memory.values, '');
const secrets = operations(memory.secrets, 'Secret');

export const kvs = {
  ...values,
  getSecret: secrets.get,
  setSecret: secrets.set,
  deleteSecret: secrets.delete,
};

export const kvsModule = { __esModule: true, kvs, default: kvs };

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
  /** Keys whose writes (set, delete, and their secret forms) fail; reads still answer. */
  failingWrites: null as RegExp | null,
  reset(): void {
    this.values.clear();
    this.secrets.clear();
    this.ops.length = 0;
    this.failing = null;
    this.failingWrites = null;
  },
};

/** Shaped like @forge/kvs's ForgeKvsAPIError (name and code), which the resolver recognises. */
function storageError(message: string, code: string): Error {
  return Object.assign(new Error(message), { name: 'ForgeKvsAPIError', code });
}

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** get, set and delete on one map, logged under `get`/`set`/`delete` plus the suffix ("Secret"). */
function operations(map: Map<string, unknown>, suffix: '' | 'Secret') {
  const log = (op: string, key: string) => {
    memory.ops.push({ op: `${op}${suffix}` as KvsOp['op'], key });
    if (memory.failing?.test(key) || (op !== 'get' && memory.failingWrites?.test(key)))
      throw storageError(`storage is unavailable (${op} ${key})`, 'INTERNAL_SERVER_ERROR');
  };
  return {
    async get<T>(key: string): Promise<T | undefined> {
      log('get', key);
      return copy(map.get(key) as T | undefined);
    },
    /** `keyPolicy: 'FAIL_IF_EXISTS'` creates only (checked and set in one step, as Forge does). */
    async set<T>(key: string, value: T, options?: { keyPolicy?: string }): Promise<void> {
      log('set', key);
      if (options?.keyPolicy === 'FAIL_IF_EXISTS' && map.has(key)) {
        throw storageError(`${key} already exists`, 'KEY_ALREADY_EXISTS');
      }
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

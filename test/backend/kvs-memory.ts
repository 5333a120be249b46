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
  reset(): void {
    this.values.clear();
    this.secrets.clear();
    this.ops.length = 0;
  },
};

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export const kvs = {
  async get<T>(key: string): Promise<T | undefined> {
    memory.ops.push({ op: 'get', key });
    return copy(memory.values.get(key) as T | undefined);
  },
  async set<T>(key: string, value: T): Promise<void> {
    memory.ops.push({ op: 'set', key });
    memory.values.set(key, copy(value));
  },
  async delete(key: string): Promise<void> {
    memory.ops.push({ op: 'delete', key });
    memory.values.delete(key);
  },
  async getSecret<T>(key: string): Promise<T | undefined> {
    memory.ops.push({ op: 'getSecret', key });
    return copy(memory.secrets.get(key) as T | undefined);
  },
  async setSecret<T>(key: string, value: T): Promise<void> {
    memory.ops.push({ op: 'setSecret', key });
    memory.secrets.set(key, copy(value));
  },
  async deleteSecret(key: string): Promise<void> {
    memory.ops.push({ op: 'deleteSecret', key });
    memory.secrets.delete(key);
  },
};

export const kvsModule = { __esModule: true, kvs, default: kvs };

/**
 * What the app keeps in Forge storage (@forge/kvs):
 * - facts an admin entered (no API reads them), each with who entered it and when, per fact;
 * - what an admin confirmed an unrecognised approved-domain role id means;
 * - the organization Admin API key with its org id, together in one secret (one write, one delete);
 * - cached site-level reads with a time-to-live, dropped by `refresh` (a new cache generation).
 *
 * No lost update: @forge/kvs 1.x has transactions with conditions only for custom entities, and a
 * plain `set` is last-write-wins; but `set` with `keyPolicy: 'FAIL_IF_EXISTS'` is an atomic
 * create. Every entered record carries a version; a write first creates the slot `KEY#<version+1>`
 * with FAIL_IF_EXISTS (so of two writers that read the same version, exactly one gets it), then
 * writes the record. The other writer is told (ConflictError), never silently overwritten. A slot
 * left behind by a write that stopped half-way is found by the next writer, who completes it.
 */
import { kvs } from '@forge/kvs';
import { STALE_AFTER_DAYS, type ApprovedDomainRole, type ProjectFacts, type Snapshot } from '../evaluator';
import { SITE_SECTIONS, type ProjectEnteredFact, type SiteSection } from './schemas';

export const CACHE_TTL_SECONDS = 3600;
/** How long a version slot is kept: far longer than any write takes. */
const SLOT_TTL_DAYS = 7;

/** Who entered a fact and when. */
export interface Provenance {
  by: string;
  at: string;
}

export interface Entered<T> extends Provenance {
  value: T;
  /** Who entered each top-level field and when (a field an admin did not change keeps its own). */
  fields?: Record<string, Provenance>;
  version?: number;
  /** The record was cleared: its facts are unknown again (kept so the version goes on). */
  cleared?: boolean;
  writeId?: string;
}

/** The facts a project admin (or a Jira admin) enters for one project (schemas.ts projectEnteredSchema). */
export type ProjectEntered = Pick<ProjectFacts, ProjectEnteredFact>;

/** A site section as entered: the snapshot's own section. */
export type SiteSectionFacts<S extends SiteSection> = NonNullable<Snapshot[S]>;

/** Each site section as entered (absent: never entered, or cleared), and each project's entered facts. */
export type EnteredFacts = { [S in SiteSection]?: Entered<SiteSectionFacts<S>> } & {
  /** Project key → its entered facts. */
  projects: Record<string, Entered<ProjectEntered>>;
};

/** Another save of the same facts came first: nothing was written. */
export class ConflictError extends Error {
  constructor(readonly current: Entered<unknown> | undefined) {
    super('conflict');
    this.name = 'ConflictError';
  }
}

const KEY = {
  site: (section: SiteSection) => `entered:${section}`,
  project: (projectKey: string) => `entered:project:${projectKey}`,
  projectIndex: 'entered:projects',
  roleMeanings: 'entered:roleMeanings',
  adminApi: 'config:adminApi',
  apiKeySecret: 'secret:orgApiKey',
  generation: 'cache:generation',
};

/** A record as the app uses it: undefined when never entered or cleared. */
function visible<T>(record: Entered<T> | undefined): Entered<T> | undefined {
  return record && !record.cleared ? record : undefined;
}

export async function readEntered(projectKeys?: string[]): Promise<EnteredFacts> {
  const keys = projectKeys ?? indexKeys(await kvs.get<Entered<string[]> | string[]>(KEY.projectIndex));
  const entered: EnteredFacts = { projects: {} };
  const readSection = async <S extends SiteSection>(section: S) => {
    const record = visible(await kvs.get<Entered<SiteSectionFacts<S>>>(KEY.site(section)));
    if (record) entered[section] = record;
  };
  const [, projects] = await Promise.all([
    Promise.all(SITE_SECTIONS.map(readSection)),
    Promise.all(keys.map((k) => kvs.get<Entered<ProjectEntered>>(KEY.project(k)))),
  ]);
  keys.forEach((k, i) => {
    const record = visible(projects[i]);
    if (record) entered.projects[k] = record;
  });
  return entered;
}

/** The list of projects with entered facts (an earlier version kept a bare array). */
function indexKeys(index: Entered<string[]> | string[] | undefined): string[] {
  if (Array.isArray(index)) return index;
  return index?.value ?? [];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}

let writeCounter = 0;
const newWriteId = () =>
  `${Date.now().toString(36)}-${(writeCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Writes `key` from its current record: `next` answers the new record (without version), or null
 * when nothing changes. `expectedAt`: the `at` the caller saw (null: nothing entered); another
 * write since then is a ConflictError. Answers 'unchanged' or 'saved'.
 */
async function writeVersioned<T>(
  key: string,
  next: (current: Entered<T> | undefined) => Omit<Entered<T>, 'version' | 'writeId'> | null,
  expectedAt?: string | null,
): Promise<'unchanged' | 'saved'> {
  const stored = await kvs.get<Entered<T>>(key);
  const current = visible(stored);
  if (expectedAt !== undefined && !seenAs(current, expectedAt)) throw new ConflictError(current);
  const record = next(current);
  if (record === null) return 'unchanged';
  const version = (stored?.version ?? 0) + 1;
  const full: Entered<T> = { ...record, version, writeId: newWriteId() };
  const slot = `${key}#${version}`;
  try {
    await kvs.set(slot, full, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: SLOT_TTL_DAYS, unit: 'DAYS' } });
  } catch (error) {
    // Either another writer holds this version, or storage failed: the slot itself says which.
    const holder = await kvs.get<Entered<T>>(slot);
    if (!holder) throw error;
    if (holder.writeId !== full.writeId) {
      // Complete a write that stopped between its slot and its record, then tell this writer.
      if (((await kvs.get<Entered<T>>(key))?.version ?? 0) < version) await kvs.set(key, holder);
      throw new ConflictError(visible(holder));
    }
  }
  try {
    await kvs.set(key, full);
  } catch (error) {
    // The record was not written: take back the slot so no later writer completes it.
    await kvs.delete(slot).catch(() => undefined);
    throw error;
  }
  return 'saved';
}

/**
 * Whether the page saw this record: its `at` (the section's source), or the latest of its facts' own
 * times (what a page showing per-fact sources sees). null: the page saw nothing entered.
 */
function seenAs(current: Entered<unknown> | undefined, expectedAt: string | null): boolean {
  if (!current) return expectedAt === null;
  if (current.at === expectedAt) return true;
  const times = Object.values(current.fields ?? {}).map((f) => f.at);
  return times.length > 0 && times.sort()[times.length - 1] === expectedAt;
}

/** Retries a merge that cannot conflict in substance (adding to a set, one entry of a map). */
async function mergeVersioned<T>(
  key: string,
  next: (current: Entered<T> | undefined) => Omit<Entered<T>, 'version' | 'writeId'> | null,
): Promise<'unchanged' | 'saved'> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeVersioned(key, next);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 5)));
    }
  }
}

/** The record after a save: unchanged fields keep who entered them and when; an empty value clears. */
function nextRecord<T extends object>(
  current: Entered<T> | undefined,
  value: T,
  by: string,
  at: string,
): Omit<Entered<T>, 'version' | 'writeId'> | null {
  // Sound (the casts below): every field of an entered section is optional, so T without its
  // undefined fields, or with none, is still a T; and `field` is one of T's own keys.
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return current ? { value: {} as T, by, at, cleared: true } : null;
  if (current && same(current.value, value)) return null;
  const fields: Record<string, Provenance> = {};
  for (const [field, v] of entries) {
    const before = current?.value[field as keyof T];
    fields[field] =
      current && before !== undefined && same(before, v)
        ? (current.fields?.[field] ?? { by: current.by, at: current.at })
        : { by, at };
  }
  return { value: Object.fromEntries(entries) as T, by, at, fields };
}

/**
 * Saves a site section as entered (fields absent: not entered); an empty value clears it. The same
 * values again write nothing. `expectedAt`: the time of the entry the admin's form showed.
 */
export async function saveSiteSection<S extends SiteSection>(
  section: S,
  value: SiteSectionFacts<S>,
  by: string,
  now: Date,
  expectedAt?: string | null,
): Promise<'unchanged' | 'saved'> {
  return writeVersioned<SiteSectionFacts<S>>(
    KEY.site(section),
    (current) => nextRecord(current, value, by, now.toISOString()),
    expectedAt,
  );
}

/** Saves a project's entered facts (fields absent: not entered); also lists the project for the admin page. */
export async function saveProjectFacts(
  projectKey: string,
  value: ProjectEntered,
  by: string,
  now: Date,
  expectedAt?: string | null,
): Promise<'unchanged' | 'saved'> {
  const at = now.toISOString();
  // The index first: a project record is never written without being findable.
  if (Object.values(value).some((v) => v !== undefined)) {
    await mergeVersioned<string[]>(KEY.projectIndex, (current) => {
      const keys = indexKeys(current);
      return keys.includes(projectKey) ? null : { value: [...keys, projectKey].sort(), by, at };
    });
  }
  return writeVersioned<ProjectEntered>(
    KEY.project(projectKey),
    (current) => nextRecord(current, value, by, at),
    expectedAt,
  );
}

/** Marks entered facts as confirmed now by `by`; false when nothing was entered for the section. */
export async function confirmSection(
  section: SiteSection | { projectKey: string },
  by: string,
  now: Date,
): Promise<boolean> {
  const key = typeof section === 'string' ? KEY.site(section) : KEY.project(section.projectKey);
  let found = true;
  await writeVersioned<Record<string, unknown>>(key, (current) => {
    if (!current) {
      found = false;
      return null;
    }
    const at = now.toISOString();
    const fields = Object.fromEntries(Object.keys(current.value).map((f) => [f, { by, at }]));
    return { value: current.value, by, at, fields };
  });
  return found;
}

export function isStale(entered: { at: string } | undefined, now: Date): boolean {
  if (!entered) return false;
  const at = Date.parse(entered.at);
  return Number.isNaN(at) || now.getTime() - at >= STALE_AFTER_DAYS * 86_400_000;
}

// --- What an admin confirmed an unrecognised approved-domain role id means --------------------------

export interface RoleMeaning extends Provenance {
  role: ApprovedDomainRole;
}

/** Raw product/role id (as the Admin API sends it) → what a Jira admin confirmed it means. */
export async function readRoleMeanings(): Promise<Record<string, RoleMeaning>> {
  return visible(await kvs.get<Entered<Record<string, RoleMeaning>>>(KEY.roleMeanings))?.value ?? {};
}

export async function saveRoleMeaning(
  rawId: string,
  role: ApprovedDomainRole,
  by: string,
  now: Date,
): Promise<'unchanged' | 'saved'> {
  const at = now.toISOString();
  return mergeVersioned<Record<string, RoleMeaning>>(KEY.roleMeanings, (current) => {
    const meanings = current?.value ?? {};
    if (meanings[rawId]?.role === role) return null;
    return { value: { ...meanings, [rawId]: { role, by, at } }, by, at };
  });
}

// --- The organization Admin API key ---------------------------------------------------------------

export interface AdminApiConfig {
  orgId: string;
  by: string;
  at: string;
}

/** The one secret: the key and the organization it belongs to are written and deleted together. */
interface AdminApiSecret extends AdminApiConfig {
  apiKey: string;
}

export async function readAdminApi(): Promise<{ config: AdminApiConfig; apiKey: string } | undefined> {
  const secret = await kvs.getSecret<AdminApiSecret | string>(KEY.apiKeySecret);
  if (!secret) return undefined;
  if (typeof secret === 'object' && secret.apiKey && secret.orgId) {
    const { apiKey, ...config } = secret;
    return { config, apiKey };
  }
  // Written by an earlier version: the key alone, its org id beside it.
  if (typeof secret === 'string') {
    const config = await kvs.get<AdminApiConfig>(KEY.adminApi);
    return config ? { config, apiKey: secret } : undefined;
  }
  return undefined;
}

/** One write: either the new key with its org id is kept, or the previous pair stays. */
export async function saveAdminApi(orgId: string, apiKey: string, by: string, now: Date): Promise<void> {
  const secret: AdminApiSecret = { orgId, apiKey, by, at: now.toISOString() };
  await kvs.setSecret(KEY.apiKeySecret, secret);
  // An earlier version's org id beside the key is no longer read; drop it when it is there.
  await kvs.delete(KEY.adminApi).catch(() => undefined);
}

/** The key goes first: once it is deleted, nothing pairs an org id with a key any more. */
export async function clearAdminApi(): Promise<void> {
  await kvs.deleteSecret(KEY.apiKeySecret);
  await kvs.delete(KEY.adminApi).catch(() => undefined);
}

// --- Cached live reads ----------------------------------------------------------------------------

export interface Cached<T> {
  value: T;
  at: string;
}

/** Cached reads of one invocation: reads the generation once. */
export class Cache {
  private generation: Promise<number> | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  private gen(): Promise<number> {
    this.generation ??= kvs.get<number>(KEY.generation).then((g) => g ?? 0);
    return this.generation;
  }

  private async key(name: string): Promise<string> {
    return `cache:${await this.gen()}:${name}`;
  }

  /** The cached value when younger than the time-to-live; a storage failure is a miss. */
  async get<T>(name: string): Promise<Cached<T> | undefined> {
    try {
      const entry = await kvs.get<Cached<T>>(await this.key(name));
      if (!entry) return undefined;
      const age = this.now().getTime() - Date.parse(entry.at);
      return age >= 0 && age < CACHE_TTL_SECONDS * 1000 ? entry : undefined;
    } catch (error) {
      warnCache('read', name, error);
      return undefined;
    }
  }

  /** Keeps a value for an hour; a storage failure only loses the cache, never the value. */
  async set<T>(name: string, value: T): Promise<Cached<T>> {
    const entry = { value, at: this.now().toISOString() };
    try {
      await kvs.set(await this.key(name), entry, { ttl: { value: CACHE_TTL_SECONDS, unit: 'SECONDS' } });
    } catch (error) {
      warnCache('write', name, error);
    }
    return entry;
  }

  /** Reads through the cache: a fresh entry, else `read()` stored for the next hour. Failures are not cached. */
  async through<T>(name: string, read: () => Promise<T>): Promise<Cached<T>> {
    return (await this.get<T>(name)) ?? this.set(name, await read());
  }

  /** Drops every cached read: later reads use a new generation (old entries expire by their TTL). */
  async clear(): Promise<void> {
    const next = (await this.gen()) + 1;
    await kvs.set(KEY.generation, next);
    this.generation = Promise.resolve(next);
  }
}

function warnCache(what: 'read' | 'write', name: string, error: unknown): void {
  console.warn(
    `cache ${what} of ${name.split(':')[0]} failed: ${error instanceof Error ? error.name : 'error'}`,
  );
}

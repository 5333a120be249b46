/**
 * What the app keeps in Forge storage (@forge/kvs):
 * - facts an admin entered (no API reads them), each with who entered it and when;
 * - the organization Admin API key (secret storage) and its org id;
 * - cached site-level reads with a time-to-live, dropped by `refresh` (a new cache generation).
 */
import { kvs } from '@forge/kvs';
import type { ApprovedDomains, CustomerAccess, EmailChannel, ProjectAccess } from '../evaluator';

export const STALE_AFTER_DAYS = 90;
export const CACHE_TTL_SECONDS = 3600;

export interface Entered<T> {
  value: T;
  by: string;
  at: string;
}

export interface EnteredFacts {
  customerAccess?: Entered<CustomerAccess>;
  approvedDomains?: Entered<ApprovedDomains>;
  emailChannel?: Entered<EmailChannel>;
  /** Project key → its Customer permissions. */
  projects: Record<string, Entered<{ access?: ProjectAccess }>>;
}

export type SiteSection = 'customerAccess' | 'approvedDomains' | 'emailChannel';

const KEY = {
  site: (section: SiteSection) => `entered:${section}`,
  project: (projectKey: string) => `entered:project:${projectKey}`,
  projectIndex: 'entered:projects',
  adminApi: 'config:adminApi',
  apiKeySecret: 'secret:orgApiKey',
  generation: 'cache:generation',
};

export async function readEntered(projectKeys?: string[]): Promise<EnteredFacts> {
  const keys = projectKeys ?? (await kvs.get<string[]>(KEY.projectIndex)) ?? [];
  const [customerAccess, approvedDomains, emailChannel, ...projects] = await Promise.all([
    kvs.get<Entered<CustomerAccess>>(KEY.site('customerAccess')),
    kvs.get<Entered<ApprovedDomains>>(KEY.site('approvedDomains')),
    kvs.get<Entered<EmailChannel>>(KEY.site('emailChannel')),
    ...keys.map((k) => kvs.get<Entered<{ access?: ProjectAccess }>>(KEY.project(k))),
  ]);
  const entered: EnteredFacts = { projects: {} };
  if (customerAccess) entered.customerAccess = customerAccess;
  if (approvedDomains) entered.approvedDomains = approvedDomains;
  if (emailChannel) entered.emailChannel = emailChannel;
  keys.forEach((k, i) => {
    const p = projects[i] as Entered<{ access?: ProjectAccess }> | undefined;
    if (p) entered.projects[k] = p;
  });
  return entered;
}

/** Saves a site section; an empty value clears it (the facts become unknown again). */
export async function saveSiteSection(
  section: SiteSection,
  value: object,
  by: string,
  now: Date,
): Promise<void> {
  if (Object.keys(value).length === 0) await kvs.delete(KEY.site(section));
  else await kvs.set(KEY.site(section), { value, by, at: now.toISOString() });
}

export async function saveProjectAccess(
  projectKey: string,
  value: { access?: ProjectAccess },
  by: string,
  now: Date,
): Promise<void> {
  const index = (await kvs.get<string[]>(KEY.projectIndex)) ?? [];
  if (value.access === undefined) {
    await kvs.delete(KEY.project(projectKey));
    if (index.includes(projectKey))
      await kvs.set(
        KEY.projectIndex,
        index.filter((k) => k !== projectKey),
      );
    return;
  }
  await kvs.set(KEY.project(projectKey), { value, by, at: now.toISOString() });
  if (!index.includes(projectKey)) await kvs.set(KEY.projectIndex, [...index, projectKey].sort());
}

/** Marks entered facts as confirmed now by `by`; false when nothing was entered for the section. */
export async function confirmSection(
  section: SiteSection | { projectKey: string },
  by: string,
  now: Date,
): Promise<boolean> {
  const key = typeof section === 'string' ? KEY.site(section) : KEY.project(section.projectKey);
  const current = await kvs.get<Entered<unknown>>(key);
  if (!current) return false;
  await kvs.set(key, { ...current, by, at: now.toISOString() });
  return true;
}

export function isStale(entered: { at: string } | undefined, now: Date): boolean {
  if (!entered) return false;
  const at = Date.parse(entered.at);
  return Number.isNaN(at) || now.getTime() - at >= STALE_AFTER_DAYS * 86_400_000;
}

// --- The organization Admin API key ---------------------------------------------------------------

export interface AdminApiConfig {
  orgId: string;
  by: string;
  at: string;
}

export async function readAdminApi(): Promise<{ config: AdminApiConfig; apiKey: string } | undefined> {
  const [config, apiKey] = await Promise.all([
    kvs.get<AdminApiConfig>(KEY.adminApi),
    kvs.getSecret<string>(KEY.apiKeySecret),
  ]);
  return config && apiKey ? { config, apiKey } : undefined;
}

export async function saveAdminApi(orgId: string, apiKey: string, by: string, now: Date): Promise<void> {
  await kvs.setSecret(KEY.apiKeySecret, apiKey);
  await kvs.set(KEY.adminApi, { orgId, by, at: now.toISOString() });
}

export async function clearAdminApi(): Promise<void> {
  await Promise.all([kvs.deleteSecret(KEY.apiKeySecret), kvs.delete(KEY.adminApi)]);
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

/**
 * Assembles the site snapshot (contract.md §1) from the readers, the cache and the entered facts.
 * A fact that could not be read is left out (unknown) and `unreadable` says which read failed and why;
 * every section that is present says where it came from in `sources`.
 */
import type { AccountFacts, FactSource, ProjectFacts, Snapshot } from '../evaluator';
import { senderAccount } from './account';
import { ReadError } from './errors';
import { mapLimit, type Http } from './http';
import type { ServiceDeskSummary } from './keys';
import { readApplicationRoles } from './readers/applicationRoles';
import { readApprovedDomains } from './readers/approvedDomains';
import { isInProjectOrganization, organizationsRead } from './readers/customerOrganizations';
import { searchAdminUsers, type AdminUser } from './readers/directoryUsers';
import { readPortalAccessGrants } from './readers/portalGrants';
import { isProjectCustomer } from './readers/projectCustomers';
import { readServiceDesks } from './readers/serviceDesks';
import { findJiraUsers, type JiraUser } from './readers/userSearch';
import { isStale, readEntered, type Cache, type Cached, type EnteredFacts } from './store';

/** At most this many projects' permission schemes are read for the admin page's overview. */
export const MAX_PROJECTS_READ = 50;

export interface ReadContext {
  http: Http;
  cache: Cache;
  now: Date;
  siteUrl?: string;
  /** 'site' for a Jira admin; 'project:KEY' for a project admin (cached reads are kept apart). */
  cacheScope: string;
  /** Only this project may be seen (the project settings page). */
  onlyProject?: string;
  adminApi?: { orgId: string; apiKey: string };
}

export interface SiteBase {
  snapshot: Snapshot;
  serviceDesks?: ServiceDeskSummary[];
  stale: string[];
}

type Outcome<T> = { ok: true; value: T; at: string } | { ok: false; message: string };

async function outcome<T>(run: () => Promise<Cached<T> | T>, now: Date, cached = false): Promise<Outcome<T>> {
  try {
    const result = await run();
    if (cached) {
      const entry = result as Cached<T>;
      return { ok: true, value: entry.value, at: entry.at };
    }
    return { ok: true, value: result as T, at: now.toISOString() };
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, message: error.message };
    throw error;
  }
}

const live = (at: string, read?: string): FactSource =>
  read ? { kind: 'live', at, read } : { kind: 'live', at };
const entered = (e: { by: string; at: string }): FactSource => ({ kind: 'entered', by: e.by, at: e.at });

/** Service desks the caller may see, through the cache. */
export function serviceDesksOf(ctx: ReadContext): Promise<Outcome<ServiceDeskSummary[]>> {
  return outcome(
    () =>
      ctx.cache.through(`serviceDesks:${ctx.cacheScope}`, async () => {
        const desks = await readServiceDesks(ctx.http);
        return ctx.onlyProject ? desks.filter((d) => d.projectKey === ctx.onlyProject) : desks;
      }),
    ctx.now,
    true,
  );
}

/**
 * The site without any sender: entered facts, approved domains (live with an org API key), service
 * projects and their Portal Access grants. `projects`: 'all' (every service project the caller may
 * see, up to MAX_PROJECTS_READ) or the keys to include.
 */
export async function readSiteBase(
  ctx: ReadContext,
  projects: 'all' | string[],
  desksPromise: Promise<Outcome<ServiceDeskSummary[]>> = serviceDesksOf(ctx),
): Promise<SiteBase> {
  const wanted = projects === 'all' ? undefined : projects;
  const enteredP = readEntered(ctx.onlyProject ? [ctx.onlyProject] : undefined);
  const domainsP = ctx.adminApi
    ? outcome(
        () =>
          ctx.cache.through(`approvedDomains:${ctx.adminApi!.orgId}`, () =>
            readApprovedDomains(ctx.http, ctx.adminApi!.orgId, ctx.adminApi!.apiKey),
          ),
        ctx.now,
        true,
      )
    : undefined;
  // Grants of projects named up front start now; 'all' waits for the list of service projects.
  const grantsFor = (key: string) =>
    outcome(
      () => ctx.cache.through(`grants:${key}`, () => readPortalAccessGrants(ctx.http, key)),
      ctx.now,
      true,
    );
  const early = new Map((wanted ?? []).map((k) => [k, grantsFor(k)] as const));

  const grantsP = desksPromise.then(async (desks) => {
    const keys = wanted ?? (desks.ok ? desks.value.map((d) => d.projectKey) : []);
    const readKeys = keys.slice(0, MAX_PROJECTS_READ);
    return { keys, readKeys, grants: await mapLimit(readKeys, 8, (k) => early.get(k) ?? grantsFor(k)) };
  });
  const [enteredFacts, desks, domains, { keys, readKeys, grants }] = await Promise.all([
    enteredP,
    desksPromise,
    domainsP,
    grantsP,
  ]);

  const snapshot: Snapshot = {
    format: 'customer-access-doctor/snapshot',
    version: 1,
    sources: {},
    unreadable: {},
  };
  const sources = snapshot.sources!;
  const unreadable = snapshot.unreadable!;
  if (ctx.siteUrl) snapshot.site = { url: ctx.siteUrl };
  const stale: string[] = [];
  const useEntered = <K extends 'customerAccess' | 'approvedDomains' | 'emailChannel'>(section: K) => {
    const e = enteredFacts[section] as EnteredFacts[K];
    if (!e) return;
    (snapshot as unknown as Record<string, unknown>)[section] = structuredClone(e.value);
    sources[section] = entered(e);
    for (const [field, p] of Object.entries(e.fields ?? {})) sources[`${section}.${field}`] = entered(p);
    if (isStale(e, ctx.now)) stale.push(section);
  };
  useEntered('customerAccess');
  useEntered('emailChannel');
  if (domains?.ok) {
    snapshot.approvedDomains = domains.value;
    sources.approvedDomains = live(domains.at, 'Admin API: app access settings');
  } else {
    if (domains && !domains.ok) unreadable.approvedDomains = domains.message;
    useEntered('approvedDomains');
  }

  if (desks.ok) sources.serviceDesks = live(desks.at);
  else unreadable.serviceDesks = desks.message;
  snapshot.projects = {};
  for (const key of keys) {
    const facts: ProjectFacts = {};
    const desk = desks.ok ? desks.value.find((d) => d.projectKey === key) : undefined;
    if (desk) facts.name = desk.projectName;
    // Entered project facts, each with who entered it and when (`projects.KEY.<fact>`); the
    // project's live reads keep their own sources.
    const e = enteredFacts.projects[key];
    if (e) {
      for (const field of ['access', 'customerInvitedNotification'] as const) {
        if (e.value[field] === undefined) continue;
        (facts as Record<string, unknown>)[field] = e.value[field];
        sources[`projects.${key}.${field}`] = entered(e.fields?.[field] ?? e);
      }
      if (isStale(e, ctx.now)) stale.push(`projects.${key}`);
    }
    const index = readKeys.indexOf(key);
    const g = index >= 0 ? grants[index] : undefined;
    if (g?.ok) {
      facts.portalAccessGrants = g.value;
      sources[`projects.${key}.portalAccessGrants`] = live(g.at);
    } else if (g) {
      unreadable[`projects.${key}.portalAccessGrants`] = g.message;
    }
    snapshot.projects[key] = facts;
  }
  if (keys.length > readKeys.length) {
    unreadable.projects =
      `the permission schemes of ${keys.length - readKeys.length} more service projects were not read ` +
      `(at most ${MAX_PROJECTS_READ} at a time); diagnosing an address on a project reads its scheme`;
  }
  return { snapshot, serviceDesks: desks.ok ? desks.value : undefined, stale };
}

/** What was learnt about one sender: each part absent when its read failed (message in `unreadable`). */
export interface SenderFacts {
  email: string;
  /** null: no account; undefined: unknown. */
  account?: AccountFacts | null;
  /** On the project's Customers page; undefined: unknown. */
  customer?: boolean;
  sources: Record<string, FactSource>;
  unreadable: Record<string, string>;
}

/**
 * The sender's lookups: Jira user search (then application roles), the Admin API directory, and
 * whether they are one of the project's customers (directly, else through a customer organization).
 */
export async function readSender(
  ctx: ReadContext,
  email: string,
  projectKey: string | undefined,
): Promise<SenderFacts> {
  const facts: SenderFacts = { email, sources: {}, unreadable: {} };
  const usersP = outcome(() => findJiraUsers(ctx.http, email), ctx.now);
  const adminP: Promise<Outcome<AdminUser[]> | undefined> = ctx.adminApi
    ? outcome(() => searchAdminUsers(ctx.http, ctx.adminApi!.orgId, ctx.adminApi!.apiKey, email), ctx.now)
    : Promise.resolve(undefined);
  const customerP = projectKey ? readCustomer(ctx, email, projectKey, usersP) : undefined;
  const rolesP = usersP.then((users) => {
    const atlassian = users.ok ? users.value.find((u) => u.accountType === 'atlassian') : undefined;
    return atlassian
      ? outcome(() => readApplicationRoles(ctx.http, atlassian.accountId), ctx.now)
      : undefined;
  });
  const [users, admin, customer, roles] = await Promise.all([usersP, adminP, customerP, rolesP]);

  if (users.ok) {
    facts.account = senderAccount({
      jira: users.value,
      roles: roles?.ok ? roles.value : undefined,
      admin: admin?.ok ? admin.value : undefined,
    });
    facts.sources.accounts = live(
      users.at,
      admin?.ok
        ? 'Jira user search and the Admin API directory'
        : 'Jira user search (active accounts only; suspension is read with an organization API key)',
    );
  } else {
    facts.unreadable.accounts = users.message;
  }
  if (roles && !roles.ok) facts.unreadable['accounts.customerRole'] = roles.message;
  if (admin && !admin.ok) facts.unreadable['accounts.status'] = admin.message;
  if (customer && projectKey) {
    if (customer.ok) {
      facts.customer = customer.value;
      facts.sources[`projects.${projectKey}.customers`] = live(customer.at);
    } else facts.unreadable[`projects.${projectKey}.customers`] = customer.message;
  }
  if (facts.account === null && facts.customer === true) {
    // The project knows the sender as a customer, so an account exists: which kind is unknown.
    facts.account = undefined;
    delete facts.sources.accounts;
    facts.unreadable.accounts = `could not read the sender's account: the user search found none, yet ${email} is a customer of ${projectKey}`;
  }
  return facts;
}

async function readCustomer(
  ctx: ReadContext,
  email: string,
  projectKey: string,
  usersP: Promise<Outcome<JiraUser[]>>,
): Promise<Outcome<boolean>> {
  const direct = await outcome(() => isProjectCustomer(ctx.http, projectKey, email), ctx.now);
  if (!direct.ok || direct.value) return direct;
  const users = await usersP;
  if (!users.ok) {
    return {
      ok: false,
      message:
        `could not read ${organizationsRead(projectKey)}: whether the sender belongs to one needs their account, ` +
        'which could not be read',
    };
  }
  const memberships = await Promise.all(
    users.value.map((u) =>
      outcome(() => isInProjectOrganization(ctx.http, projectKey, u.accountId), ctx.now),
    ),
  );
  const member = memberships.find((m) => m.ok && m.value);
  if (member) return member;
  return memberships.find((m) => !m.ok) ?? direct;
}

/**
 * The site snapshot for diagnosing the given senders together: `accounts` lists each sender's entry
 * (present only when every sender's search succeeded: an absent address then means "no account"), and
 * the project's `customers` lists the senders found on its Customers page (present only when every
 * sender's query succeeded).
 */
export function withSenders(
  base: Snapshot,
  senders: SenderFacts[],
  projectKey: string | undefined,
): Snapshot {
  const snapshot = structuredClone(base);
  const sources = (snapshot.sources ??= {});
  const unreadable = (snapshot.unreadable ??= {});
  for (const s of senders) {
    Object.assign(unreadable, s.unreadable);
    Object.assign(sources, s.sources);
  }
  if (senders.length > 0 && senders.every((s) => s.account !== undefined)) {
    snapshot.accounts = {};
    for (const s of senders) if (s.account) snapshot.accounts[s.email] = s.account;
  } else {
    delete sources.accounts;
  }
  const project = projectKey ? snapshot.projects?.[projectKey] : undefined;
  if (project && projectKey) {
    if (senders.length > 0 && senders.every((s) => s.customer !== undefined)) {
      project.customers = senders.filter((s) => s.customer).map((s) => s.email);
    } else {
      delete sources[`projects.${projectKey}.customers`];
    }
  }
  return snapshot;
}

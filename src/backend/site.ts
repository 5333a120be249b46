/**
 * Assembles the site snapshot (contract.md §1) from the readers, the cache and the entered facts.
 * A fact that could not be read is left out (unknown) and `unreadable` says which read failed and why;
 * every section that is present says where it came from in `sources`.
 */
import type { AccountFacts, FactSource, ProjectFacts, Snapshot } from '../evaluator';
import { lookupWhy, senderAccount, type SenderReads } from './account';
import { ReadError } from './errors';
import { mapLimit, type Http } from './http';
import type { ServiceDeskSummary } from './keys';
import { readApplicationRoles } from './readers/applicationRoles';
import { readInactiveIndex, type InactiveIndex } from './readers/allUsers';
import {
  ANY_DOMAIN_ROW,
  approvedDomainsOf,
  readDomainDetail,
  rowRole,
  type DomainRow,
  type RoleConfirmations,
} from './readers/approvedDomains';
import { isInProjectOrganization } from './readers/customerOrganizations';
import { CUSTOMER_ROLE_ID, searchDirectoryUsers } from './readers/directoryUsers';
import { readPortalAccessGrants } from './readers/portalGrants';
import { readProjectCustomers, type ProjectCustomers } from './readers/projectCustomers';
import { readServiceDesk, readServiceDesks } from './readers/serviceDesks';
import { findJiraUsers } from './readers/userSearch';
import { PROJECT_ENTERED_FACTS, SITE_SECTIONS, type ProjectEnteredFact, type SiteSection } from './schemas';
import { isStale, readEntered, type Cache, type Cached } from './store';

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
  /** The caller holds Browse users and groups (USER_PICKER); false: Jira shows them no users. */
  browseUsers?: boolean;
  /** An admin's confirmations of what raw approved-domain role ids mean (raw id → role). */
  roleConfirmations?: RoleConfirmations;
}

export interface SiteBase {
  snapshot: Snapshot;
  serviceDesks?: ServiceDeskSummary[];
  stale: string[];
}

type Outcome<T> = { ok: true; value: T; at: string } | { ok: false; message: string };

async function outcome<T>(run: () => Promise<T>, now: Date): Promise<Outcome<T>> {
  return cachedOutcome(async () => ({ value: await run(), at: now.toISOString() }));
}

/** A read through the cache: its value, at the time it was read. */
async function cachedOutcome<T>(run: () => Promise<Cached<T>>): Promise<Outcome<T>> {
  try {
    const { value, at } = await run();
    return { ok: true, value, at };
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, message: error.message };
    throw error;
  }
}

const live = (at: string, read?: string): FactSource =>
  read ? { kind: 'live', at, read } : { kind: 'live', at };
const entered = (e: { by: string; at: string }): FactSource => ({ kind: 'entered', by: e.by, at: e.at });

/** Reads in flight per invocation: senders checked together share one read of a site-level list. */
const inFlight = new WeakMap<ReadContext, Map<string, Promise<unknown>>>();

/** A cached read that several senders of one invocation may ask for at once: read (or looked up) once. */
function cachedOnce<T>(ctx: ReadContext, name: string, read: () => Promise<T>): Promise<Cached<T>> {
  let reads = inFlight.get(ctx);
  if (!reads) inFlight.set(ctx, (reads = new Map()));
  // Sound: a name is one read (its kind and scope are in it), so what is kept under it has its T.
  let pending = reads.get(name) as Promise<Cached<T>> | undefined;
  if (!pending) {
    pending = ctx.cache.through(name, read);
    reads.set(name, pending);
    // A failure is not kept: a later ask in the same invocation tries again.
    pending.catch(() => reads!.delete(name));
  }
  return pending;
}

/**
 * Service desks the caller may see, through the cache: on the project page (or when one project is
 * named) only that project's service desk is read, not the list.
 */
export function serviceDesksOf(
  ctx: ReadContext,
  projectKey?: string,
): Promise<Outcome<ServiceDeskSummary[]>> {
  const one = ctx.onlyProject ?? projectKey;
  return cachedOutcome(() =>
    one
      ? ctx.cache.through(`serviceDesk:${one}`, () => readServiceDesk(ctx.http, one))
      : ctx.cache.through(`serviceDesks:${ctx.cacheScope}`, () => readServiceDesks(ctx.http)),
  );
}

/**
 * One approved-domain row through the cache (an hour). The answer is cached as Atlassian gave it and
 * mapped afterwards, so an admin's confirmation of a raw role id applies at once.
 */
async function domainRowOf(ctx: ReadContext, domain: string): Promise<Outcome<DomainRow>> {
  const { orgId, apiKey } = ctx.adminApi!;
  const key = `domainRow:${orgId}:${domain.toLowerCase()}`;
  const detail = await cachedOutcome(() =>
    cachedOnce(ctx, key, () => readDomainDetail(ctx.http, orgId, apiKey, domain)),
  );
  if (!detail.ok) return detail;
  return { ok: true, at: detail.at, value: rowRole(domain, detail.value, ctx.roleConfirmations ?? {}) };
}

/**
 * The site without any sender: entered facts, approved domains (live with an org API key), service
 * projects and their Portal Access grants. `projects`: 'all' (every service project the caller may
 * see, up to MAX_PROJECTS_READ) or the keys to include. `senderDomains`: the approved-domain rows to
 * read besides Any domain (without senders `approvedDomains.domains` is absent: unknown).
 */
export async function readSiteBase(
  ctx: ReadContext,
  projects: 'all' | string[],
  desksPromise: Promise<Outcome<ServiceDeskSummary[]>> = serviceDesksOf(ctx),
  senderDomains: string[] = [],
): Promise<SiteBase> {
  const wanted = projects === 'all' ? undefined : projects;
  const enteredP = readEntered(ctx.onlyProject ? [ctx.onlyProject] : undefined);
  // Approved domains: only the senders' domain rows and ANYONE, each cached (never every row).
  const rowsWanted = [ANY_DOMAIN_ROW, ...new Set(senderDomains.map((d) => d.toLowerCase()))];
  const domainsP = ctx.adminApi ? mapLimit(rowsWanted, 6, (d) => domainRowOf(ctx, d)) : undefined;
  // Grants of projects named up front start now; 'all' waits for the list of service projects.
  const grantsFor = (key: string) =>
    cachedOutcome(() => ctx.cache.through(`grants:${key}`, () => readPortalAccessGrants(ctx.http, key)));
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
  const useEntered = <S extends SiteSection>(section: S) => {
    const e = enteredFacts[section];
    if (!e) return;
    snapshot[section] = structuredClone(e.value);
    sources[section] = entered(e);
    for (const [field, p] of Object.entries(e.fields ?? {})) sources[`${section}.${field}`] = entered(p);
    if (isStale(e, ctx.now)) stale.push(section);
  };
  // Approved domains read live (with an organization API key) win over entered ones.
  const read = domains?.filter((d) => d.ok);
  const failed = domains?.find((d) => !d.ok);
  if (read && !failed) {
    const approved = approvedDomainsOf(read.map((d) => d.value));
    if (senderDomains.length === 0) delete approved.domains;
    snapshot.approvedDomains = approved;
    const at = read.map((d) => d.at).sort()[0];
    sources.approvedDomains = live(
      at,
      `Admin API: app access settings, the rows ${rowsWanted.join(', ')}` +
        (senderDomains.length === 0 ? " (a domain's own row is read when an address is checked)" : ''),
    );
  } else if (failed && !failed.ok) {
    unreadable.approvedDomains = failed.message;
  }
  for (const section of SITE_SECTIONS) if (!snapshot[section]) useEntered(section);

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
      const useFact = <F extends ProjectEnteredFact>(field: F) => {
        if (e.value[field] === undefined) return;
        facts[field] = e.value[field];
        sources[`projects.${key}.${field}`] = entered(e.fields?.[field] ?? e);
      };
      PROJECT_ENTERED_FACTS.forEach(useFact);
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
 * The sender's lookups, all started at once where they do not depend on each other:
 * - Jira user search (active accounts only; nothing without Browse users and groups);
 * - with an org API key, the Admin API directory by email, and the same search filtered to the
 *   Customer role (roleIds atlassian/customer);
 * - without a key and when the search shows no active account, Jira's "Get all users" (cached for an
 *   hour as an index of inactive accounts' addresses);
 * - the found Atlassian account's application roles (an agent licence);
 * - whether they are one of the project's customers (every page, cached), else in one of its
 *   customer organizations.
 */
export async function readSender(
  ctx: ReadContext,
  email: string,
  projectKey: string | undefined,
): Promise<SenderFacts> {
  const facts: SenderFacts = { email, sources: {}, unreadable: {} };
  const browse = ctx.browseUsers !== false;
  const customersP = projectKey ? customersOf(ctx, projectKey) : undefined;
  const usersP = browse ? outcome(() => findJiraUsers(ctx.http, email), ctx.now) : undefined;
  const admin = ctx.adminApi;
  const adminP = admin
    ? outcome(() => searchDirectoryUsers(ctx.http, admin.orgId, admin.apiKey, email), ctx.now)
    : undefined;
  const roleP = admin
    ? outcome(
        () => searchDirectoryUsers(ctx.http, admin.orgId, admin.apiKey, email, [CUSTOMER_ROLE_ID]),
        ctx.now,
      )
    : undefined;
  // Without the key, a miss is followed by the index of inactive accounts.
  const indexP: Promise<Outcome<InactiveIndex> | undefined> =
    usersP && !admin
      ? usersP.then((u) =>
          u.ok && u.value.length === 0
            ? cachedOutcome(() =>
                cachedOnce(ctx, `inactiveAccounts:${ctx.cacheScope}`, () => readInactiveIndex(ctx.http)),
              )
            : undefined,
        )
      : Promise.resolve(undefined);
  const idsP = Promise.all([usersP, adminP, indexP]).then(([u, d, idx]) => {
    const ids = new Set<string>();
    const atlassian = new Set<string>();
    if (u?.ok)
      for (const x of u.value) {
        ids.add(x.accountId);
        if (x.accountType === 'atlassian') atlassian.add(x.accountId);
      }
    if (d?.ok)
      for (const x of d.value) {
        ids.add(x.accountId);
        atlassian.add(x.accountId);
      }
    if (idx?.ok)
      for (const x of idx.value.byEmail[email.toLowerCase()] ?? []) {
        ids.add(x.accountId);
        if (x.accountType === 'atlassian') atlassian.add(x.accountId);
      }
    return { ids: [...ids], atlassian: [...atlassian] };
  });
  const rolesP = browse
    ? idsP.then(({ atlassian }) =>
        atlassian[0] ? outcome(() => readApplicationRoles(ctx.http, atlassian[0]), ctx.now) : undefined,
      )
    : Promise.resolve(undefined);
  const [users, dir, role, index, roles] = await Promise.all([usersP, adminP, roleP, indexP, rolesP]);

  const reads: SenderReads = { email };
  if (users?.ok) reads.jira = users.value;
  if (dir?.ok) reads.admin = dir.value;
  if (role?.ok) reads.customerRoleIds = role.value.map((u) => u.accountId);
  if (index?.ok) reads.inactive = index.value;
  if (roles?.ok) reads.roles = roles.value;

  if (users && !users.ok) facts.unreadable.accounts = users.message;
  else if (dir && !dir.ok && !users) facts.unreadable.accounts = dir.message;
  else {
    if (dir && !dir.ok) {
      // Without the directory, read as if there were no key.
      facts.unreadable['accounts.status'] = dir.message;
    }
    const answer = senderAccount(reads);
    if (answer.account === undefined)
      facts.unreadable.accounts = `could not read the sender's account: ${answer.why}`;
    else {
      facts.account = answer.account;
      if (answer.account?.lookup) {
        facts.unreadable['accounts.lookup'] =
          dir && !dir.ok
            ? `${dir.message}, so an inactive account is not ruled out`
            : lookupWhy(reads.inactive, index && !index.ok ? index.message : undefined);
      }
      const read = [
        users ? 'Jira user search (active accounts only)' : undefined,
        reads.admin ? 'the Admin API directory' : undefined,
        reads.customerRoleIds ? 'its Customer role filter' : undefined,
        reads.inactive ? `Jira "Get all users" (${reads.inactive.scanned} accounts)` : undefined,
        reads.roles ? 'application roles' : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      facts.sources.accounts = live(users?.ok ? users.at : dir?.ok ? dir.at : ctx.now.toISOString(), read);
    }
  }
  if (roles && !roles.ok) facts.unreadable['accounts.customerRole'] = roles.message;
  if (role && !role.ok) facts.unreadable['accounts.customerRole'] = role.message;

  if (projectKey) {
    const { ids } = await idsP;
    const customer = await readCustomer(ctx, email, projectKey, customersP!, facts.account, ids);
    if (customer.ok) {
      facts.customer = customer.value;
      facts.sources[`projects.${projectKey}.customers`] = live(
        customer.at,
        `the Customers page of ${projectKey}`,
      );
    } else facts.unreadable[`projects.${projectKey}.customers`] = customer.message;
  }
  if (facts.account === null && facts.customer === true) {
    // The project knows the sender as a customer, so an account exists: which kind is unknown.
    facts.account = undefined;
    delete facts.sources.accounts;
    facts.unreadable.accounts = `could not read the sender's account: the lookups found none, yet ${email} is a customer of ${projectKey}`;
  }
  return facts;
}

/**
 * Whether the sender is one of the project's customers: the Customers page read whole (every page,
 * cached for an hour), matched by address or by the sender's account ids; else a customer
 * organization added to the project. Hidden addresses leave it unknown unless the sender's account
 * ids are known (every customer has one) or the sender has no account at all.
 */
function customersOf(ctx: ReadContext, projectKey: string): Promise<Outcome<ProjectCustomers>> {
  return cachedOutcome(() =>
    cachedOnce(ctx, `customers:${projectKey}`, () => readProjectCustomers(ctx.http, projectKey)),
  );
}

async function readCustomer(
  ctx: ReadContext,
  email: string,
  projectKey: string,
  listP: Promise<Outcome<ProjectCustomers>>,
  account: AccountFacts | null | undefined,
  accountIds: string[],
): Promise<Outcome<boolean>> {
  const list = await listP;
  if (!list.ok) return list;
  let c = list.value;
  if (!c.complete) {
    // More customers than the whole-list read takes: ask Atlassian for those matching the address.
    const matching = await outcome(() => readProjectCustomers(ctx.http, projectKey, email, 10), ctx.now);
    if (!matching.ok) return matching;
    c = matching.value;
  }
  const yes: Outcome<boolean> = { ok: true, value: true, at: list.at };
  if (c.emails.includes(email.toLowerCase())) return yes;
  if (accountIds.some((id) => c.accountIds.includes(id))) return yes;
  const memberships = await Promise.all(
    accountIds.map((id) => outcome(() => isInProjectOrganization(ctx.http, projectKey, id), ctx.now)),
  );
  const member = memberships.find((m) => m.ok && m.value);
  if (member) return member;
  const failedOrg = memberships.find((m) => !m.ok);
  if (failedOrg) return failedOrg;
  if (!c.complete) {
    return {
      ok: false,
      message: `could not read the customers of ${projectKey}: more customers match ${email} than were read`,
    };
  }
  const idsKnown = account === null || (account !== undefined && !account.lookup && accountIds.length > 0);
  if (c.hidden > 0 && !idsKnown) {
    return {
      ok: false,
      message: `could not read the customers of ${projectKey}: Jira hid the email address of ${c.hidden} customer${c.hidden === 1 ? '' : 's'} (profile visibility) and the sender's account is not known`,
    };
  }
  return { ok: true, value: false, at: list.at };
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

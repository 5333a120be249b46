/**
 * The facts one diagnosis decides on, read from a prepared site for one address and project.
 * A fact the snapshot lacks has no value: the rules then explore each value it could have.
 */
import { normalizeDomain, normalizeEmail, type ParsedAddress } from './address';
import {
  NO_ACTIVE_ACCOUNT,
  type AccountFacts,
  type ApprovedDomainRole,
  type FactSource,
  type ProjectFacts,
  type Section,
  type Snapshot,
} from './snapshot';
import { derivationOf, type Derivation } from './patch';
import { FACT_LABEL, ROLE_LABEL, sourceText } from './vocabulary';

/** contract.md §1 Additions: what an account entry's `lookup: "no-active-account"` means. */
export const NO_ACTIVE_ACCOUNT_TEXT =
  'Jira shows no active account with this address; an inactive one (suspended, deactivated or closed) cannot be ruled out';
/** What an account's `status: "inactive"` means. */
export const INACTIVE_TEXT =
  'the account is inactive; whether it is suspended, deactivated or closed is not known (Jira\'s "Get all users" shows only that it is not active; an organization API key settles it)';
/** The key of the Any domain row in `approvedDomains.unrecognised` (as the Admin API names it). */
export const ANY_DOMAIN_KEY = 'ANYONE';

/** The raw ids of an unrecognised row for this domain (or "ANYONE"), compared case-insensitively. */
function unrecognisedRow(s: Snapshot, domain: string): string | undefined {
  const rows = s.approvedDomains?.unrecognised;
  if (!rows) return undefined;
  for (const [k, v] of Object.entries(rows)) {
    if (
      k === ANY_DOMAIN_KEY
        ? domain === ANY_DOMAIN_KEY
        : domain !== ANY_DOMAIN_KEY && normalizeDomain(k) === domain
    )
      return v;
  }
  return undefined;
}

/**
 * Every fact the rules read, with the snapshot section it comes from. A new fact is a compile error
 * in readFacts until it is read, and in every table keyed by facts.
 */
export const FACT_SECTION = {
  blocklist: 'emailChannel',
  allowlist: 'emailChannel',
  mailbox: 'emailChannel',
  accountExists: 'accounts',
  accountType: 'accounts',
  accountStatus: 'accounts',
  duplicate: 'accounts',
  customerRole: 'accounts',
  accountCreation: 'customerAccess',
  internal: 'customerAccess',
  external: 'customerAccess',
  externalList: 'customerAccess',
  role: 'approvedDomains',
  projectAccess: 'projects',
  isCustomer: 'projects',
  portalAccessGrants: 'projects',
  invitedNotification: 'projects',
} as const satisfies Record<string, Section>;

export type FactKey = keyof typeof FACT_SECTION;

export type FactValue = string | boolean;

export interface Fact {
  key: FactKey;
  /** Snapshot path it comes from. */
  path: string;
  /** Atlassian's name for it. */
  label: string;
  /** Absent: unknown. */
  value?: FactValue;
  /** The values it could take when unknown. */
  possible: FactValue[];
  /** How the value was found, in words ("contractor.io is listed as None"). */
  note?: string;
  /** Where the fact came from, in words. */
  source?: string;
  /** Where the fact came from. */
  sourceOf?: FactSource;
  /** Why it is unknown when it is (a read that failed, or a question Atlassian leaves OPEN). */
  whyUnknown?: string;
  /**
   * The entries of the setting that match the sender, as the snapshot spells them (a fix names and
   * patches them as written): the blocklist entries, the approved-domain row's key, the account's key.
   */
  spelled?: string[];
  /** Every entry of the list behind this fact is the sender's domain (a fix that turns the list on lets in no one else). */
  onlyEntry?: boolean;
  /** An entry matches the sender's domain, not only the address (a fix that removes it lets in the domain). */
  byDomain?: boolean;
}

/**
 * How the sender is written in the words of an answer. A diagnosis reads the facts of the real
 * address but writes `shown`, so that one answer can stand for every address whose facts are alike.
 */
export interface Shown {
  email: string;
  domain: string;
}

export type Facts = Record<FactKey, Fact>;

interface IndexedProject {
  key: string;
  facts: ProjectFacts;
  customers?: Set<string>;
}

/** A snapshot with its lookups indexed once, so a diagnosis costs the same with 10 or 10,000 domains. */
export interface PreparedSite {
  readonly snapshot: Snapshot;
  readonly externalDomains?: 'any' | Set<string>;
  /** Normalised domain → its row's role. */
  readonly approvedDomains?: Map<string, ApprovedDomainRole>;
  /** Normalised domain → the key as the snapshot spells it; and the domains approved as Customer. */
  readonly approvedDomainKeys?: Map<string, string>;
  readonly customerDomains?: string[];
  /** The domains approved as Customer, normalised. */
  readonly customerDomainSet?: Set<string>;
  /** Normalised entry → the entries as the snapshot spells them. */
  readonly blocklist?: Map<string, string[]>;
  readonly allowlist?: Set<string>;
  readonly accounts?: Map<string, AccountFacts>;
  /** Normalised address → the key as the snapshot spells it. */
  readonly accountKeys?: Map<string, string>;
  readonly projects?: Map<string, IndexedProject>;
}

const indexCache = new WeakMap<object, unknown>();

/**
 * A section's index, built once per section object. A section a patch copied from another (a fix
 * tried on the site) is indexed from the original's index by `derive`, when it has one and that
 * index is built; `derive` answers undefined to have it built whole.
 */
function cached<T extends object, R>(
  section: T | undefined,
  build: (section: T) => R,
  derive?: (from: R, how: Derivation, section: T) => R | undefined,
): R | undefined {
  if (section === undefined) return undefined;
  const hit = indexCache.get(section);
  if (hit !== undefined) return hit as R;
  const how = derive && derivationOf(section);
  const from = how && (indexCache.get(how.from) as R | undefined);
  const built = (from !== undefined && derive!(from, how!, section)) || build(section);
  indexCache.set(section, built);
  return built;
}

interface ByNormalKey<T> {
  values: Map<string, T>;
  keys: Map<string, string>;
}

function byNormalKey<T>(record: Record<string, T>, normalize: (k: string) => string): ByNormalKey<T> {
  const values = new Map<string, T>();
  const keys = new Map<string, string>();
  for (const [k, v] of Object.entries(record)) {
    values.set(normalize(k), v);
    keys.set(normalize(k), k);
  }
  return { values, keys };
}

/** byNormalKey of a record that differs from an indexed one in one key. */
function byNormalKeyFrom<T>(
  from: ByNormalKey<T>,
  how: Derivation,
  record: Record<string, T>,
  normalize: (k: string) => string,
): ByNormalKey<T> | undefined {
  // A key removed, or another key that normalises alike: built whole, so that the same one wins.
  if (!('key' in how) || !Object.prototype.hasOwnProperty.call(record, how.key)) return undefined;
  const normal = normalize(how.key);
  const was = from.keys.get(normal);
  if (was !== undefined && was !== how.key) return undefined;
  return {
    values: new Map(from.values).set(normal, record[how.key]),
    keys: new Map(from.keys).set(normal, how.key),
  };
}

/** A set of normalised entries of a list that has one entry more than an indexed one. */
function setFrom(
  from: Set<string>,
  how: Derivation,
  normalize: (e: string) => string,
): Set<string> | undefined {
  return 'added' in how ? new Set(from).add(normalize(how.added)) : undefined;
}

function approvedIndex(d: Record<string, ApprovedDomainRole>, index: ByNormalKey<ApprovedDomainRole>) {
  const customer = Object.keys(d).filter((k) => d[k] === 'customer');
  return { ...index, customer, customerSet: new Set(customer.map(normalizeDomain)) };
}

function projectIndex(key: string, facts: ProjectFacts): IndexedProject {
  return {
    key,
    facts,
    customers: cached(
      facts.customers,
      (c) => new Set(c.map(normalizeEmail)),
      (from, how) => setFrom(from, how, normalizeEmail),
    ),
  };
}

export function prepareSite(snapshot: Snapshot): PreparedSite {
  const list = snapshot.customerAccess?.externalDomains;
  const approved = cached(
    snapshot.approvedDomains?.domains,
    (d) => approvedIndex(d, byNormalKey(d, normalizeDomain)),
    (from, how, d) => {
      const index = byNormalKeyFrom(from, how, d, normalizeDomain);
      return index && approvedIndex(d, index);
    },
  );
  const accounts = cached(
    snapshot.accounts,
    (a) => byNormalKey(a, normalizeEmail),
    (from, how, a) => byNormalKeyFrom(from, how, a, normalizeEmail),
  );
  return {
    snapshot,
    externalDomains:
      list === 'any'
        ? 'any'
        : cached(
            list,
            (l) => new Set(l.map(normalizeDomain)),
            (from, how) => setFrom(from, how, normalizeDomain),
          ),
    approvedDomains: approved?.values,
    approvedDomainKeys: approved?.keys,
    customerDomains: approved?.customer,
    customerDomainSet: approved?.customerSet,
    blocklist: cached(snapshot.emailChannel?.blocklist, (l) => {
      const entries = new Map<string, string[]>();
      for (const e of l) entries.set(normalizeEntry(e), [...(entries.get(normalizeEntry(e)) ?? []), e]);
      return entries;
    }),
    allowlist: cached(
      snapshot.emailChannel?.allowlist,
      (l) => new Set(l.map(normalizeDomain)),
      (from, how) => setFrom(from, how, normalizeDomain),
    ),
    accounts: accounts?.values,
    accountKeys: accounts?.keys,
    projects: cached(
      snapshot.projects,
      (p) => new Map(Object.entries(p).map(([key, facts]) => [key.toUpperCase(), projectIndex(key, facts)])),
      (from, how, p) => {
        if (!('key' in how) || !Object.prototype.hasOwnProperty.call(p, how.key)) return undefined;
        const was = from.get(how.key.toUpperCase())?.key;
        if (was !== undefined && was !== how.key) return undefined;
        return new Map(from).set(how.key.toUpperCase(), projectIndex(how.key, p[how.key]));
      },
    ),
  };
}

function normalizeEntry(entry: string): string {
  return entry.includes('@') ? normalizeEmail(entry) : normalizeDomain(entry);
}

/** The facts with some values set (a what-if, or a fix tried on the facts). */
export function withValues(facts: Facts, values: Partial<Record<FactKey, FactValue>>): Facts {
  const changed = { ...facts };
  for (const [k, v] of Object.entries(values) as [FactKey, FactValue][])
    changed[k] = { ...facts[k], value: v };
  return changed;
}

export function isPrepared(site: Snapshot | PreparedSite): site is PreparedSite {
  return 'snapshot' in site && (site as PreparedSite).snapshot !== undefined;
}

/** Where a snapshot section came from: the first of `sections` the snapshot records a source for. */
export function sourceOf(snapshot: Snapshot, ...sections: string[]): FactSource | undefined {
  for (const section of sections) {
    const s = snapshot.sources?.[section];
    if (s) return s;
  }
  return undefined;
}

/** @deprecated the words are vocabulary.ts's `sourceText`. */
export const describeSource = sourceText;
const BOOL: FactValue[] = [true, false];

/** A source's words, once per source. */
const sourceWords = new WeakMap<FactSource, string>();
function sourceTextOf(from: FactSource): string {
  let text = sourceWords.get(from);
  if (text === undefined) sourceWords.set(from, (text = sourceText(from)));
  return text;
}

type FactExtra = Pick<Fact, 'note' | 'sourceOf' | 'whyUnknown' | 'spelled' | 'onlyEntry' | 'byDomain'>;

function fact(
  key: FactKey,
  path: string,
  value: FactValue | undefined,
  possible: FactValue[],
  extra: FactExtra,
): Fact {
  const f: Fact = { key, path, label: FACT_LABEL[key], possible };
  if (value !== undefined) f.value = value;
  if (extra.note !== undefined) f.note = extra.note;
  if (extra.whyUnknown !== undefined) f.whyUnknown = extra.whyUnknown;
  if (extra.spelled !== undefined) f.spelled = extra.spelled;
  if (extra.onlyEntry !== undefined) f.onlyEntry = extra.onlyEntry;
  if (extra.byDomain !== undefined) f.byDomain = extra.byDomain;
  // A fact that is not known has no source: its section may be read live, this value was not.
  if (value !== undefined && extra.sourceOf !== undefined) {
    f.source = sourceTextOf(extra.sourceOf);
    f.sourceOf = extra.sourceOf;
  }
  return f;
}

/**
 * What the site says of one sender: every lookup by the address or its domain, made once. The facts
 * are written from these entries and the site's own settings only, so senders whose entries are
 * alike have facts alike, their names aside. An entry spelled exactly as the sender is recorded as
 * null (the words then name the sender as shown).
 */
export interface SenderEntries {
  account?: AccountFacts;
  /** How the snapshot spells the account's key. */
  accountKey?: string | null;
  /** Blocklist entries for the address, as spelled. */
  blockedAddress: (string | null)[];
  /** Blocklist entries for its domain, as spelled. */
  blockedDomain: (string | null)[];
  allowed?: boolean;
  /** The domain's own row in Approved domains, and its key as spelled. */
  listedRole?: ApprovedDomainRole;
  listedKey?: string | null;
  /** The raw ids of the domain's row when the app does not recognise them. */
  unrecognised?: string;
  /** On External's list (when the list is a list of domains). */
  externalListed?: boolean;
  /** A parent domain that is on External's list when the domain is not. */
  parentListed?: string;
  /** The domain is the only one approved as Customer (or none is). */
  onlyCustomerDomain: boolean;
  /** The domain is the only one on External's list (or the list is empty or not known). */
  onlyExternalDomain: boolean;
  /** The address is one of the project's customers (undefined: the project's customers are not known). */
  isCustomer?: boolean;
}

/** Every lookup of the address and its domain in the site (and the project's customers). */
export function lookUp(site: PreparedSite, address: ParsedAddress, projectKey: string | null): SenderEntries {
  const { email, domain } = address;
  const account = site.accounts?.get(email);
  const customers = projectKey ? site.projects?.get(projectKey.toUpperCase())?.customers : undefined;
  const byAddress = site.blocklist?.get(email);
  const byDomain = site.blocklist?.get(domain);
  const list = site.externalDomains;
  const customerSet = site.customerDomainSet;
  const listedKey = site.approvedDomainKeys?.get(domain);
  const listed = list === 'any' || list === undefined || list.size === 0 ? undefined : list.has(domain);
  // Every key always written (undefined where absent), so that every sender's entries have one shape.
  return {
    account,
    accountKey: account ? own(site.accountKeys?.get(email) ?? email, email) : undefined,
    blockedAddress: byAddress ? byAddress.map((e) => own(e, email)) : [],
    blockedDomain: byDomain ? byDomain.map((e) => own(e, domain)) : [],
    allowed: site.allowlist?.has(domain),
    listedRole: site.approvedDomains?.get(domain),
    listedKey: listedKey === undefined ? undefined : own(listedKey, domain),
    unrecognised: unrecognisedRow(site.snapshot, domain),
    externalListed: listed,
    parentListed: listed === false && list instanceof Set ? listedParent(domain, list) : undefined,
    onlyCustomerDomain:
      !customerSet || customerSet.size === 0 || (customerSet.size === 1 && customerSet.has(domain)),
    onlyExternalDomain:
      list !== 'any' && (list === undefined || list.size === 0 || (list.size === 1 && list.has(domain))),
    isCustomer: customers && customers.has(email),
  };
}

/** An entry as the snapshot spells it, or null when it is spelled exactly as the sender is. */
function own(entry: string, sender: string): string | null {
  return entry === sender ? null : entry;
}

/** The nearest parent of `domain` on the list (a.b.example → b.example), if any. */
function listedParent(domain: string, list: Set<string>): string | undefined {
  for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
    const parent = domain.slice(dot + 1);
    if (!parent.includes('.')) return undefined;
    if (list.has(parent)) return parent;
  }
  return undefined;
}

/**
 * Whether the address itself (not only its domain) appears in the site's facts: an account, a
 * blocklist entry, a project's customer. Such a sender's answer is its own.
 */
export function isPersonal(sender: SenderEntries): boolean {
  return sender.account !== undefined || sender.blockedAddress.length > 0 || sender.isCustomer === true;
}

/** isPersonal without the other lookups: the ones lookUp makes by the address alone. */
export function namesAddress(site: PreparedSite, email: string, projectKey: string | null): boolean {
  if (site.accounts?.has(email) || site.blocklist?.has(email)) return true;
  const customers = projectKey ? site.projects?.get(projectKey.toUpperCase())?.customers : undefined;
  return customers?.has(email) === true;
}

/**
 * Reads every fact the rules may need for this address and project. `shown` is how the words name the
 * sender (the address itself unless a compiled answer stands for many).
 */
export function readFacts(
  site: PreparedSite,
  address: ParsedAddress,
  projectKey: string | null,
  shown: Shown = address,
): Facts {
  return factsOf(site, lookUp(site, address, projectKey), projectKey, shown);
}

/** The facts, from what the site says of the sender (`sender`) and the site's own settings. */
export function factsOf(
  site: PreparedSite,
  sender: SenderEntries,
  projectKey: string | null,
  shown: Shown,
): Facts {
  const s = site.snapshot;
  const ca = s.customerAccess;
  const unreadable = s.unreadable;
  const why = (section: string) => unreadable?.[section];
  const src = (section: string) => s.sources?.[section];
  const { account } = sender;
  const project = projectKey ? site.projects?.get(projectKey.toUpperCase()) : undefined;
  const projectSource = projectKey
    ? sourceOf(s, `projects.${project?.key ?? projectKey}`, 'projects')
    : undefined;

  // Approved domains: a listed domain's own row wins; else the Any domain row. A row whose ids the
  // app does not recognise is listed with an unknown role (contract.md §1 Additions).
  let role: ApprovedDomainRole | undefined;
  let roleNote: string | undefined;
  let roleWhy: string | undefined = why('approvedDomains');
  const { listedRole, unrecognised } = sender;
  const anyDomain = s.approvedDomains?.anyDomain;
  const unrecognisedAny = unrecognisedRow(s, ANY_DOMAIN_KEY);
  if (listedRole === undefined && unrecognised !== undefined) {
    roleWhy = `${shown.domain} is listed, but its row grants Jira Service Management ${unrecognised}, which this app does not recognise; an admin can confirm which role that is`;
  } else if (
    listedRole === undefined &&
    site.approvedDomains !== undefined &&
    anyDomain === undefined &&
    unrecognisedAny !== undefined
  ) {
    roleWhy = `${shown.domain} is not listed, and the "Any domain" row grants Jira Service Management ${unrecognisedAny}, which this app does not recognise; an admin can confirm which role that is`;
  } else if (listedRole !== undefined) {
    role = listedRole;
    roleNote =
      `${shown.domain} is listed with the role ${ROLE_LABEL[listedRole]}` +
      (anyDomain && anyDomain !== listedRole
        ? `; its own row wins over Any domain (${ROLE_LABEL[anyDomain]})`
        : '');
  } else if (site.approvedDomains === undefined) {
    roleWhy ??= 'not in the snapshot';
  } else if (anyDomain === undefined) {
    roleWhy ??= `${shown.domain} is not listed and the "Any domain" row is not known`;
  } else {
    role = anyDomain;
    roleNote = `${shown.domain} is not listed, so the "Any domain" row applies: ${ROLE_LABEL[anyDomain]}`;
  }
  if (role === 'user')
    roleNote +=
      ' (OPEN: Atlassian does not document the role User for Jira Service Management; treated as not Customer)';

  // External's domain list.
  let externalList: FactValue | undefined;
  let externalNote: string | undefined;
  let externalWhy: string | undefined = why('customerAccess');
  const list = site.externalDomains;
  if (list === 'any') {
    externalList = 'listed';
    externalNote =
      '"Only allow account creation for customers with specific email domains" is unchecked: any domain';
  } else if (list === undefined) {
    externalWhy ??= 'not in the snapshot';
  } else if (list.size === 0) {
    externalWhy =
      'OPEN: "Only allow account creation for customers with specific email domains" is checked with an empty list; Atlassian does not document whether that allows every domain or none';
  } else if (sender.externalListed) {
    externalList = 'listed';
    externalNote = `${shown.domain} is on the list`;
  } else {
    externalList = 'not-listed';
    const parent = sender.parentListed;
    externalNote =
      `${shown.domain} is not on the list` +
      (parent
        ? ` (${parent} is; domains are assumed to match exactly, as the email allowlist and blocklist do — Atlassian leaves this OPEN)`
        : '');
  }

  // Email channel blocklist / allowlist: exact address or exact domain.
  const blocked =
    site.blocklist &&
    (sender.blockedAddress.length ? shown.email : sender.blockedDomain.length ? shown.domain : '');
  const blockedEntries = [
    ...sender.blockedAddress.map((e) => e ?? shown.email),
    ...sender.blockedDomain.map((e) => e ?? shown.domain),
  ];
  const allowed = sender.allowed;

  const accountKnown = site.accounts !== undefined;
  // 'no-active-account': whether an account exists is open; if one does, it is not active.
  const lookupOpen = account?.lookup === NO_ACTIVE_ACCOUNT;
  const inactive = account?.status === 'inactive';
  const acct = (k: keyof AccountFacts) =>
    account && !lookupOpen ? (account[k] as FactValue | undefined) : undefined;
  const accountWhy = why('accounts') ?? (accountKnown ? undefined : 'who has an account is not known');
  const accountFieldWhy = (field: string) =>
    lookupOpen
      ? `${NO_ACTIVE_ACCOUNT_TEXT}, so its ${field} is not known`
      : (accountWhy ?? `the account's ${field} is not in the snapshot`);
  const statusValue = inactive ? undefined : acct('status');
  const statusWhy = inactive
    ? `${INACTIVE_TEXT}${why('accounts.status') ? ` (${why('accounts.status')})` : ''}`
    : lookupOpen
      ? `${NO_ACTIVE_ACCOUNT_TEXT}; if one exists it is suspended, deactivated or closed`
      : accountFieldWhy('status');
  const projectWhy = (field: string) =>
    !projectKey
      ? `no service project was named${site.projects?.size ? `; the snapshot has ${[...site.projects.values()].map((p) => p.key).join(', ')}` : ''}`
      : (why(`projects.${projectKey}`) ??
        (project
          ? `the project's ${field} is not in the snapshot`
          : `project ${projectKey} is not in the snapshot`));

  return {
    blocklist: fact(
      'blocklist',
      'emailChannel.blocklist',
      blocked === undefined ? undefined : blocked !== '',
      BOOL,
      {
        note: blocked ? `${blocked} is on the blocklist` : undefined,
        ...(blockedEntries.length
          ? { spelled: blockedEntries, byDomain: sender.blockedDomain.length > 0 }
          : {}),
        sourceOf: src('emailChannel'),
        whyUnknown: why('emailChannel') ?? 'not in the snapshot',
      },
    ),
    allowlist: fact('allowlist', 'emailChannel.allowlist', allowed, BOOL, {
      sourceOf: src('emailChannel'),
      whyUnknown: why('emailChannel') ?? 'not in the snapshot',
    }),
    accountExists: fact(
      'accountExists',
      `accounts[sender]`,
      accountKnown && !lookupOpen ? account !== undefined : undefined,
      BOOL,
      {
        sourceOf: src('accounts'),
        whyUnknown: lookupOpen
          ? `${NO_ACTIVE_ACCOUNT_TEXT}${why('accounts.lookup') ? ` (${why('accounts.lookup')})` : ''}`
          : accountWhy,
        note: account?.displayName,
        ...(account ? { spelled: [sender.accountKey ?? shown.email] } : {}),
      },
    ),
    accountType: fact('accountType', `accounts[sender].type`, acct('type'), ['atlassian', 'portal-only'], {
      sourceOf: src('accounts'),
      whyUnknown: accountFieldWhy('type'),
    }),
    accountStatus: fact(
      'accountStatus',
      `accounts[sender].status`,
      statusValue,
      inactive || lookupOpen
        ? ['suspended', 'deactivated', 'closed']
        : ['active', 'suspended', 'deactivated', 'closed'],
      {
        sourceOf: src('accounts'),
        whyUnknown: statusWhy,
      },
    ),
    duplicate: fact('duplicate', `accounts[sender].duplicate`, acct('duplicate'), BOOL, {
      sourceOf: src('accounts'),
      whyUnknown: accountFieldWhy('duplicate flag'),
    }),
    customerRole: fact('customerRole', `accounts[sender].customerRole`, acct('customerRole'), BOOL, {
      sourceOf: src('accounts'),
      whyUnknown: accountFieldWhy('Customer role'),
    }),
    accountCreation: fact(
      'accountCreation',
      'customerAccess.accountCreation',
      ca?.accountCreation,
      ['allowed', 'not-allowed'],
      {
        sourceOf: src('customerAccess'),
        whyUnknown: why('customerAccess') ?? 'not in the snapshot',
      },
    ),
    internal: fact('internal', 'customerAccess.internal', ca?.internal, BOOL, {
      sourceOf: src('customerAccess'),
      whyUnknown: why('customerAccess') ?? 'not in the snapshot',
    }),
    role: fact('role', `approvedDomains`, role, ['customer', 'user', 'none'], {
      note: roleNote,
      ...(sender.listedKey === undefined ? {} : { spelled: [sender.listedKey ?? shown.domain] }),
      onlyEntry: sender.onlyCustomerDomain,
      sourceOf: src('approvedDomains'),
      whyUnknown: roleWhy,
    }),
    external: fact('external', 'customerAccess.external', ca?.external, BOOL, {
      sourceOf: src('customerAccess'),
      whyUnknown: why('customerAccess') ?? 'not in the snapshot',
    }),
    externalList: fact(
      'externalList',
      'customerAccess.externalDomains',
      externalList,
      ['listed', 'not-listed'],
      {
        note: externalNote,
        onlyEntry: sender.onlyExternalDomain,
        sourceOf: src('customerAccess'),
        whyUnknown: externalWhy,
      },
    ),
    projectAccess: fact(
      'projectAccess',
      `projects.${projectKey ?? '[project]'}.access`,
      project?.facts.access,
      ['open', 'restricted'],
      {
        sourceOf: projectSource,
        whyUnknown: projectWhy(FACT_LABEL.projectAccess),
      },
    ),
    isCustomer: fact(
      'isCustomer',
      `projects.${projectKey ?? '[project]'}.customers`,
      sender.isCustomer,
      BOOL,
      {
        sourceOf: projectSource,
        whyUnknown: projectWhy('customer list'),
      },
    ),
    portalAccessGrants: fact(
      'portalAccessGrants',
      `projects.${projectKey ?? '[project]'}.portalAccessGrants`,
      project?.facts.portalAccessGrants,
      BOOL,
      { sourceOf: projectSource, whyUnknown: projectWhy('permission scheme') },
    ),
    invitedNotification: fact(
      'invitedNotification',
      `projects.${projectKey ?? '[project]'}.customerInvitedNotification`,
      project?.facts.customerInvitedNotification,
      BOOL,
      { sourceOf: projectSource, whyUnknown: projectWhy(FACT_LABEL.invitedNotification) },
    ),
    mailbox: fact('mailbox', 'emailChannel.mailbox', s.emailChannel?.mailbox, ['atlassian', 'custom'], {
      sourceOf: src('emailChannel'),
      whyUnknown: why('emailChannel') ?? 'not in the snapshot',
    }),
  };
}

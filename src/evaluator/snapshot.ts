/**
 * The site snapshot (contract.md §1): every fact the evaluator decides on.
 * A key that is absent is unknown, never a default.
 */
import { z } from 'zod';

export const SNAPSHOT_FORMAT = 'customer-access-doctor/snapshot';

/**
 * The snapshot's sections, each a part of the site an admin knows by name (vocabulary.ts's
 * SECTION_LABEL). A new section is a compile error wherever sections must be handled.
 */
export const SECTIONS = [
  'customerAccess',
  'approvedDomains',
  'emailChannel',
  'projects',
  'accounts',
] as const;
export type Section = (typeof SECTIONS)[number];

/** A Jira Service Management role an approved-domain row grants. */
export const approvedDomainRoleSchema = z.enum(['customer', 'user', 'none']);
const role = approvedDomainRoleSchema;
const domainName = z.string().trim().min(1, 'a domain cannot be empty');

const sourceSchema = z.union([
  z.object({ kind: z.literal('live'), at: z.string().optional(), read: z.string().optional() }).loose(),
  z.object({ kind: z.literal('entered'), by: z.string().optional(), at: z.string().optional() }).loose(),
  z.object({ kind: z.literal('sample') }).loose(),
  z.object({ kind: z.literal('unknown'), why: z.string().optional() }).loose(),
]);

const customerAccessSchema = z
  .object({
    /** "Use approved domains to grant internal customers access to the help center with Atlassian accounts" */
    internal: z.boolean().optional(),
    /** "Allow portal-only accounts to be created for new customers" */
    external: z.boolean().optional(),
    /** "any" = "Only allow account creation for customers with specific email domains" unchecked. */
    externalDomains: z.union([z.literal('any'), z.array(domainName)]).optional(),
    /** Portal access: "Allow customers to create accounts" (allowed) or "Don't allow customers to create their own accounts". */
    accountCreation: z.enum(['allowed', 'not-allowed']).optional(),
  })
  .loose();

const approvedDomainsSchema = z
  .object({
    /** Listed approved domains and the Jira Service Management role each grants. */
    domains: z.record(z.string(), role).optional(),
    /** The "Any domain" row: covers every domain that is not listed. */
    anyDomain: role.optional(),
    /**
     * Rows whose Jira Service Management product or role id the app does not recognise: domain (or
     * "ANYONE", the Any domain row) → the raw ids as read. Such a row is listed but its role is unknown
     * (so Any domain does not apply to a listed domain).
     */
    unrecognised: z.record(z.string(), z.string()).optional(),
  })
  .loose();

const emailChannelSchema = z
  .object({
    /** Domains whose mail skips the auto-reply, bulk and delivery-status filters. */
    allowlist: z.array(domainName).optional(),
    /** Domains or addresses whose mail is always filtered. */
    blocklist: z.array(domainName).optional(),
    /**
     * Where the project receives email: "atlassian" (the Atlassian-provided address, where DMARC
     * validation is enforced) or "custom" (a connected Google or Microsoft mailbox, where it is not).
     */
    mailbox: z.enum(['atlassian', 'custom']).optional(),
  })
  .loose();

const projectSchema = z
  .object({
    name: z.string().optional(),
    /** Customer permissions: Open, or Restricted ("Only people directly invited to this project can submit requests"). */
    access: z.enum(['open', 'restricted']).optional(),
    /** Addresses on the project's Customers page. */
    customers: z.array(z.string()).optional(),
    /** The permission scheme grants "Service Project Customer - Portal Access" Browse Projects and Create Issues. */
    portalAccessGrants: z.boolean().optional(),
    /** The "Customer invited" notification is enabled. */
    customerInvitedNotification: z.boolean().optional(),
  })
  .loose();

const accountSchema = z
  .object({
    type: z.enum(['atlassian', 'portal-only']).optional(),
    /**
     * 'inactive': not active, but whether suspended, deactivated or closed is not known (what Jira's
     * "Get all users" can tell: `active: false`). contract.md §1 "Additions".
     */
    status: z.enum(['active', 'suspended', 'deactivated', 'closed', 'inactive']).optional(),
    /** The account holds the Jira Service Management Customer role (or an agent licence). */
    customerRole: z.boolean().optional(),
    /** A portal-only account and an Atlassian account share this address. */
    duplicate: z.boolean().optional(),
    displayName: z.string().optional(),
    accountId: z.string().optional(),
    /**
     * Partial knowledge from a live read; absent: the entry is an account. 'no-active-account': Jira
     * shows no active account with this address; an inactive one (suspended, deactivated or closed)
     * cannot be ruled out. Whether an account exists is then unknown, and if one does, its status is
     * one of suspended, deactivated or closed.
     */
    lookup: z.literal('no-active-account').optional(),
  })
  .loose();

/** Each section's schema: a section missing here, or one too many, is a compile error. */
export const sectionSchemas = {
  customerAccess: customerAccessSchema,
  approvedDomains: approvedDomainsSchema,
  emailChannel: emailChannelSchema,
  projects: z.record(z.string().min(1), projectSchema),
  accounts: z.record(z.string().min(1), accountSchema),
} as const satisfies Record<Section, z.ZodType>;

export const snapshotSchema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(1),
    site: z.object({ url: z.string().optional(), name: z.string().optional() }).loose().optional(),
    customerAccess: sectionSchemas.customerAccess.optional(),
    approvedDomains: sectionSchemas.approvedDomains.optional(),
    emailChannel: sectionSchemas.emailChannel.optional(),
    projects: sectionSchemas.projects.optional(),
    /** Absent: we don't know who has an account. Present: an address not in it has none. */
    accounts: sectionSchemas.accounts.optional(),
    /** Section (or "projects.HELP", "accounts") → where its facts came from. */
    sources: z.record(z.string(), sourceSchema).optional(),
    /** Why a section is unknown (a read that failed): section → message. */
    unreadable: z.record(z.string(), z.string()).optional(),
  })
  .loose();

/**
 * A schema's type with only its declared fields: parsing keeps keys the schema does not know
 * (`.loose()`, so a newer snapshot passes through), but code may name only the declared ones — a
 * misspelt field is a compile error. Records (`z.record`) keep their keys.
 */
type Declared<T> = T extends readonly (infer U)[]
  ? Declared<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Declared<T[K]> }
    : T;

/** The snapshot (contract.md §1), as its schema reads it. */
export type Snapshot = Declared<z.infer<typeof snapshotSchema>>;
export type CustomerAccess = Declared<z.infer<typeof customerAccessSchema>>;
export type ApprovedDomains = Declared<z.infer<typeof approvedDomainsSchema>>;
export type EmailChannel = Declared<z.infer<typeof emailChannelSchema>>;
export type ProjectFacts = Declared<z.infer<typeof projectSchema>>;
export type AccountFacts = Declared<z.infer<typeof accountSchema>>;
/** Where a section's facts came from. */
export type FactSource = Declared<z.infer<typeof sourceSchema>>;
export type ApprovedDomainRole = z.infer<typeof role>;
export type AccountType = NonNullable<AccountFacts['type']>;
export type AccountStatus = NonNullable<AccountFacts['status']>;
export type AccountLookup = NonNullable<AccountFacts['lookup']>;
export const NO_ACTIVE_ACCOUNT: AccountLookup = 'no-active-account';
export type ProjectAccess = NonNullable<ProjectFacts['access']>;
export type AccountCreation = NonNullable<CustomerAccess['accountCreation']>;

/** A snapshot that does not follow contract.md §1: names the field, what was expected and what was found. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** A value as an error message shows what was found ("nothing", "an array", a quoted string…). */
export function foundText(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += (out ? '.' : '') + String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(the snapshot)';
}

/** What a schema issue expected, in words ("one of "open", "restricted"", "boolean"…). */
export function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return issue.expected === 'record' ? 'an object' : `${issue.expected}`;
    case 'invalid_union':
      return 'a value of the documented form';
    case 'too_small':
      return issue.message;
    default:
      return issue.message;
  }
}

/** Validates a parsed snapshot file; throws SnapshotError naming the first offending field. */
export function parseSnapshot(input: unknown): Snapshot {
  const result = snapshotSchema.safeParse(input);
  if (result.success) return checkCrossFieldRules(result.data);
  const issue = result.error.issues[0];
  const field = fieldName(issue.path);
  const found = valueAt(input, issue.path);
  if (issue.code === 'too_small' || issue.code === 'custom') {
    throw new SnapshotError(`${field}: ${issue.message} (found ${foundText(found)})`, field);
  }
  throw new SnapshotError(`${field}: expected ${expectedText(issue)}, found ${foundText(found)}`, field);
}

function checkCrossFieldRules(snapshot: Snapshot): Snapshot {
  for (const [key, value] of Object.entries(snapshot.approvedDomains?.domains ?? {})) {
    if (!key.trim() || key.includes('@')) {
      const field = `approvedDomains.domains[${JSON.stringify(key)}]`;
      throw new SnapshotError(
        `${field}: expected a domain such as "acme.com", found ${foundText(key)}`,
        field,
      );
    }
    void value;
  }
  return snapshot;
}

/** Parses snapshot text (a file's content). */
export function parseSnapshotText(text: string): Snapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`the snapshot is not valid JSON: ${(error as Error).message}`, '(the snapshot)');
  }
  return parseSnapshot(json);
}

/**
 * The fake site's data, derived from a Snapshot (contract.md §1) so that reading it back through the
 * real readers gives the same facts — as far as Atlassian's APIs let them be read (domain.md §4):
 * - service desks from `projects`, each project's Customers page from its `customers`, permission
 *   schemes from `portalAccessGrants`;
 * - Jira users from `accounts`: an account that is not active (suspended, deactivated, closed) is a Jira
 *   user with `active: false`, which "Find users" never returns and "Get all users" does;
 * - the organization directory (Admin API, Atlassian accounts only) from the same accounts: status,
 *   accountStatus, membershipStatus and the role ids each account holds;
 * - the app access settings (approved domains) from `approvedDomains`, one row per domain plus ANYONE.
 */
import type { AccountStatus, Snapshot } from '../../src/evaluator';

/** How Jira shows a user's email address (profile visibility): shown, left out, or null. */
export type EmailVisibility = 'visible' | 'absent' | 'null';

export interface FakeUser {
  accountId: string;
  /** Jira's accountType: atlassian | app | customer (JIRA-OAS User.accountType). */
  accountType: 'atlassian' | 'customer';
  active: boolean;
  emailAddress: string;
  displayName: string;
  /** Application role keys (JIRA-OAS ApplicationRole.key), e.g. jira-servicedesk = an agent licence. */
  applicationRoles: string[];
  groups: string[];
  email: EmailVisibility;
}

/** An account in the organization's directory (Admin API "Search for users in an organization"). */
export interface FakeDirectoryUser {
  accountId: string;
  accountType: 'atlassian';
  email: string;
  name: string;
  status: 'active' | 'suspended' | 'not_invited' | 'deactivated' | 'for_deletion';
  accountStatus: 'active' | 'inactive' | 'closed';
  membershipStatus: 'active' | 'suspended' | 'no_membership';
  /** Role ids the account holds, matched by the request's `roleIds` filter ("atlassian/customer"…). */
  roleIds: string[];
}

export interface FakeDesk {
  id: string;
  projectId: string;
  projectKey: string;
  projectName: string;
  customers: string[];
  portalAccessGrants: boolean;
}

export interface FakeDomainRow {
  domain: string;
  enabled: boolean;
  products: { productId: string; accessMode: string; defaultRole: string }[];
}

export interface FakeSiteData {
  desks: FakeDesk[];
  users: FakeUser[];
  directory: FakeDirectoryUser[];
  domains: FakeDomainRow[];
}

/**
 * Atlassian publishes no productId or role id for Jira Service Management in the app access settings
 * (domain.md §4 [AD-API]: the one published example is Jira's `ari:cloud:jira::app/all` /
 * `ari:cloud:jira::role/software/member`). These JSM ids are the fake's OWN data, shaped like the
 * published example; the app recognises them only through src/backend/readers/approvedDomains.ts's
 * table, and anything else is unknown there.
 */
export const JSM_PRODUCT_ID = 'ari:cloud:jira-servicedesk::app/all';
export const JSM_ROLE_ID = {
  customer: 'ari:cloud:jira-servicedesk::role/customer',
  user: 'ari:cloud:jira-servicedesk::role/user',
} as const;
/** The published example (Jira), used for a row that grants JSM nothing. */
export const JIRA_PRODUCT_ID = 'ari:cloud:jira::app/all';
export const JIRA_MEMBER_ROLE_ID = 'ari:cloud:jira::role/software/member';

function idFor(prefix: string, email: string): string {
  let h = 0;
  for (const ch of email) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${prefix}${h.toString(16).padStart(8, '0')}`;
}

function directoryStatus(
  status: AccountStatus | undefined,
): Pick<FakeDirectoryUser, 'status' | 'accountStatus' | 'membershipStatus'> {
  switch (status) {
    case 'suspended':
      return { status: 'suspended', accountStatus: 'active', membershipStatus: 'suspended' };
    case 'deactivated':
    case 'inactive':
      return { status: 'deactivated', accountStatus: 'inactive', membershipStatus: 'active' };
    case 'closed':
      return { status: 'deactivated', accountStatus: 'closed', membershipStatus: 'active' };
    default:
      return { status: 'active', accountStatus: 'active', membershipStatus: 'active' };
  }
}

/**
 * `agents`: addresses whose Atlassian account holds a Jira Service Management agent licence.
 * `emails`: how Jira shows some users' addresses (default visible).
 */
export function seedFromSnapshot(
  snapshot: Snapshot,
  agents: string[] = [],
  emails: Record<string, EmailVisibility> = {},
): FakeSiteData {
  const users: FakeUser[] = [];
  const directory: FakeDirectoryUser[] = [];
  const visibility = Object.fromEntries(Object.entries(emails).map(([k, v]) => [k.toLowerCase(), v]));
  const agentSet = new Set(agents.map((a) => a.toLowerCase()));
  const site = new URL(snapshot.site?.url ?? 'https://fake.atlassian.net').hostname.split('.')[0];
  for (const [rawEmail, account] of Object.entries(snapshot.accounts ?? {})) {
    if (account.lookup) continue; // partial knowledge, not an account
    const email = rawEmail.toLowerCase();
    const displayName = account.displayName ?? email.split('@')[0];
    const active = (account.status ?? 'active') === 'active';
    const atlassian = account.type !== 'portal-only' || account.duplicate === true;
    const customer = account.type === 'portal-only' || account.duplicate === true;
    if (atlassian) {
      const accountId =
        account.type !== 'portal-only' && account.accountId ? account.accountId : idFor('5b10', email);
      const agent = agentSet.has(email);
      const customerRole = account.customerRole === true && !agent;
      users.push({
        accountId,
        accountType: 'atlassian',
        active,
        emailAddress: email,
        displayName,
        applicationRoles: agent ? ['jira-software', 'jira-servicedesk'] : ['jira-software'],
        groups: customerRole ? [`jira-servicemanagement-customers-${site}`] : ['jira-software-users'],
        email: visibility[email] ?? 'visible',
      });
      directory.push({
        accountId,
        accountType: 'atlassian',
        email,
        name: displayName,
        ...directoryStatus(account.status),
        roleIds: [...(customerRole ? ['atlassian/customer'] : []), ...(agent ? ['atlassian/user'] : [])],
      });
    }
    if (customer) {
      users.push({
        accountId:
          account.type === 'portal-only' && account.accountId ? account.accountId : idFor('qm:', email),
        accountType: 'customer',
        active,
        emailAddress: email,
        displayName,
        applicationRoles: [],
        groups: [],
        email: visibility[email] ?? 'visible',
      });
    }
  }
  const desks = Object.entries(snapshot.projects ?? {}).map(([key, p], i) => ({
    id: String(i + 1),
    projectId: String(10000 + i),
    projectKey: key,
    projectName: p.name ?? key,
    customers: (p.customers ?? []).map((c) => c.toLowerCase()),
    portalAccessGrants: p.portalAccessGrants !== false,
  }));
  const domains: FakeDomainRow[] = [];
  for (const [domain, role] of Object.entries(snapshot.approvedDomains?.domains ?? {}))
    domains.push(domainRow(domain, role));
  const any = snapshot.approvedDomains?.anyDomain;
  if (any) domains.push(domainRow('ANYONE', any));
  return { desks, users, directory, domains };
}

/** One app access settings row granting Jira Service Management `role` (None: only Jira). */
export function domainRow(domain: string, role: 'customer' | 'user' | 'none'): FakeDomainRow {
  return {
    domain,
    enabled: true,
    products:
      role === 'none'
        ? [{ productId: JIRA_PRODUCT_ID, accessMode: 'DIRECT_ACCESS', defaultRole: JIRA_MEMBER_ROLE_ID }]
        : [{ productId: JSM_PRODUCT_ID, accessMode: 'DIRECT_ACCESS', defaultRole: JSM_ROLE_ID[role] }],
  };
}

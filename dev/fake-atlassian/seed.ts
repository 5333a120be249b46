/**
 * The fake site's data, derived from a Snapshot (contract.md §1) so that reading it back through the
 * real readers gives the same facts: service desks from `projects`, Jira users and directory records
 * from `accounts`, customers from each project's `customers`, permission schemes from
 * `portalAccessGrants`, app access settings from `approvedDomains`.
 */
import type { Snapshot } from '../../src/evaluator';

export interface FakeUser {
  accountId: string;
  accountType: 'atlassian' | 'customer';
  active: boolean;
  emailAddress: string;
  displayName: string;
  applicationRoles: string[];
}

export interface FakeDirectoryUser {
  accountId: string;
  email: string;
  accountStatus: 'active' | 'inactive' | 'closed';
  isSuspended: boolean;
  productAccess?: { key: string; role: string }[];
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

export const JSM_PRODUCT_ID = 'ari:cloud:jira-servicedesk::app/all';
const JSM_ROLE_ID = {
  customer: 'ari:cloud:jira-servicedesk::role/customer',
  user: 'ari:cloud:jira-servicedesk::role/user',
} as const;

function idFor(prefix: string, email: string): string {
  let h = 0;
  for (const ch of email) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${prefix}${h.toString(16).padStart(8, '0')}`;
}

/** `agents`: addresses whose Atlassian account holds a Jira Service Management agent licence. */
export function seedFromSnapshot(snapshot: Snapshot, agents: string[] = []): FakeSiteData {
  const users: FakeUser[] = [];
  const directory: FakeDirectoryUser[] = [];
  for (const [rawEmail, account] of Object.entries(snapshot.accounts ?? {})) {
    const email = rawEmail.toLowerCase();
    const displayName = account.displayName ?? email.split('@')[0];
    const active = (account.status ?? 'active') === 'active';
    const atlassian = account.type !== 'portal-only' || account.duplicate === true;
    const customer = account.type === 'portal-only' || account.duplicate === true;
    if (atlassian) {
      const accountId =
        account.type !== 'portal-only' && account.accountId ? account.accountId : idFor('5b10', email);
      const agent = agents.map((a) => a.toLowerCase()).includes(email);
      users.push({
        accountId,
        accountType: 'atlassian',
        active,
        emailAddress: email,
        displayName,
        applicationRoles: agent ? ['jira-software', 'jira-servicedesk'] : ['jira-software'],
      });
      const record: FakeDirectoryUser = {
        accountId,
        email,
        accountStatus:
          account.status === 'closed' ? 'closed' : account.status === 'deactivated' ? 'inactive' : 'active',
        isSuspended: account.status === 'suspended',
      };
      if (account.customerRole === true)
        record.productAccess = [{ key: 'jira-servicedesk', role: 'customer' }];
      if (account.customerRole === false) record.productAccess = [{ key: 'jira-software', role: 'user' }];
      directory.push(record);
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
  const row = (domain: string, role: 'customer' | 'user' | 'none'): FakeDomainRow => ({
    domain,
    enabled: true,
    products:
      role === 'none'
        ? [
            {
              productId: 'ari:cloud:jira-software::app/all',
              accessMode: 'DIRECT_ACCESS',
              defaultRole: 'ari:cloud:jira-software::role/user',
            },
          ]
        : [{ productId: JSM_PRODUCT_ID, accessMode: 'DIRECT_ACCESS', defaultRole: JSM_ROLE_ID[role] }],
  });
  for (const [domain, role] of Object.entries(snapshot.approvedDomains?.domains ?? {}))
    domains.push(row(domain, role));
  domains.push(row('ANYONE', snapshot.approvedDomains?.anyDomain ?? 'none'));
  return { desks, users, directory, domains };
}

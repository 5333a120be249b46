/**
 * The sender's account facts from what the readers found. Decides nothing about the email: it only
 * translates Atlassian's fields into the snapshot's (contract.md §1), leaving unknown what no API said.
 */
import type { AccountFacts, AccountStatus } from '../evaluator';
import type { JiraUser } from './readers/userSearch';
import type { AdminUser } from './readers/directoryUsers';

export const AGENT_ROLE = 'jira-servicedesk';
const JSM_PRODUCT_KEY = /jira-servicedesk|jira-service-management/;

export interface SenderReads {
  /** Exact matches from Jira's user search. */
  jira: JiraUser[];
  /** The Atlassian account's application role keys; undefined when not read or unreadable. */
  roles?: string[];
  /** Directory records from the Admin API; undefined without an org API key or when unreadable. */
  admin?: AdminUser[];
}

/**
 * The account entry for the sender, or null when the sender has none.
 * - type: 'atlassian' when an Atlassian account exists, else 'portal-only' (Jira accountType customer);
 * - duplicate: both kinds exist for the address;
 * - status: 'active' from Jira; 'suspended' / 'closed' / 'deactivated' only from the Admin API; an
 *   inactive Jira account without the Admin API is left unknown (suspended or deactivated cannot be told);
 * - customerRole: true for a portal-only account; for an Atlassian account true with an agent licence
 *   (application role jira-servicedesk) or a Customer role in the Admin API's product access, false when
 *   the Admin API lists the person's product access without Jira Service Management; else unknown.
 */
export function senderAccount(reads: SenderReads): AccountFacts | null {
  const atlassian = reads.jira.find((u) => u.accountType === 'atlassian');
  const portalOnly = reads.jira.find((u) => u.accountType === 'customer');
  const directory = reads.admin?.[0];
  if (!atlassian && !portalOnly) {
    // Jira's search may leave out a suspended person; the organization's directory still knows them.
    if (!directory) return null;
    const facts: AccountFacts = { type: 'atlassian', accountId: directory.accountId, duplicate: false };
    const status = directoryStatus(directory);
    if (status) facts.status = status;
    const role = customerRole(undefined, directory, true);
    if (role !== undefined) facts.customerRole = role;
    return facts;
  }
  const primary = (atlassian ?? portalOnly) as JiraUser;
  const facts: AccountFacts = {
    type: atlassian ? 'atlassian' : 'portal-only',
    duplicate: !!(atlassian && portalOnly),
    accountId: primary.accountId,
  };
  if (primary.displayName) facts.displayName = primary.displayName;
  const status = accountStatus(primary, atlassian ? directory : undefined, reads.admin !== undefined);
  if (status) facts.status = status;
  const role = atlassian ? customerRole(reads.roles, directory, reads.admin !== undefined) : true;
  if (role !== undefined) facts.customerRole = role;
  return facts;
}

function directoryStatus(user: AdminUser): AccountStatus | undefined {
  if (user.isSuspended === true) return 'suspended';
  const status = user.accountStatus?.toLowerCase();
  if (status === 'closed') return 'closed';
  if (status === 'inactive') return 'deactivated';
  if (status === 'active' && user.isSuspended === false) return 'active';
  return undefined;
}

function accountStatus(
  user: JiraUser,
  directory: AdminUser | undefined,
  adminRead: boolean,
): AccountStatus | undefined {
  const fromDirectory = directory ? directoryStatus(directory) : undefined;
  if (fromDirectory && fromDirectory !== 'active') return fromDirectory;
  if (user.active) return 'active';
  // Jira says inactive: the directory tells suspended from deactivated; without it, unknown.
  if (adminRead && directory?.isSuspended === false) return 'deactivated';
  return undefined;
}

function customerRole(
  roles: string[] | undefined,
  directory: AdminUser | undefined,
  adminRead: boolean,
): boolean | undefined {
  if (roles?.includes(AGENT_ROLE)) return true;
  const access = directory?.productAccess;
  if (adminRead && access) {
    const jsm = access.filter((p) => JSM_PRODUCT_KEY.test(p.key));
    if (jsm.length === 0) return false;
    if (jsm.some((p) => /customer|agent|user/i.test(p.role ?? ''))) return true;
  }
  return undefined;
}

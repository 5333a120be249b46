/**
 * The sender's account facts from what the readers found. Decides nothing about the email: it only
 * translates Atlassian's fields into the snapshot's (contract.md §1), leaving unknown what no API said
 * and never turning a silence into "no account" (domain.md §4).
 */
import { NO_ACTIVE_ACCOUNT, type AccountFacts, type AccountStatus } from '../evaluator';
import type { InactiveIndex } from './readers/allUsers';
import type { AdminUser } from './readers/directoryUsers';
import type { JiraUser } from './readers/userSearch';

export const AGENT_ROLE = 'jira-servicedesk';

export interface SenderReads {
  email: string;
  /** Active accounts with the address from Jira's user search; undefined when not read. */
  jira?: JiraUser[];
  /** The Atlassian account's application role keys; undefined when not read or unreadable. */
  roles?: string[];
  /** Directory records from the Admin API; undefined without an org API key or when unreadable. */
  admin?: AdminUser[];
  /** Account ids the Admin API lists with the Customer role (roleIds atlassian/customer). */
  customerRoleIds?: string[];
  /** Jira's inactive accounts (Get all users), read when the search found no active account. */
  inactive?: InactiveIndex;
}

/** The account entry, null for "no account", undefined when unknown (with the reason). */
export type AccountAnswer =
  { account: AccountFacts | null; why?: undefined } | { account: undefined; why: string };

const KEY_SETTLES = 'an organization API key (entered on the admin page) settles it';

/** v2 directory status → the snapshot's: closed, suspended, deactivated, active; else inactive. */
export function directoryStatus(user: AdminUser): AccountStatus {
  if (user.accountStatus === 'closed') return 'closed';
  if (user.status === 'suspended' || user.membershipStatus === 'suspended') return 'suspended';
  if (user.status === 'deactivated' || user.accountStatus === 'inactive') return 'deactivated';
  if (user.accountStatus === 'active' && (user.status === 'active' || user.status === 'not_invited'))
    return 'active';
  return 'inactive';
}

export function senderAccount(reads: SenderReads): AccountAnswer {
  const jira = reads.jira ?? [];
  const atlassian = jira.find((u) => u.accountType === 'atlassian');
  const portalOnly = jira.find((u) => u.accountType === 'customer');
  const directory = reads.admin?.find((u) => !u.accountType || u.accountType === 'atlassian');

  if (reads.admin !== undefined) {
    // The organization's directory settles Atlassian accounts, active or not.
    if (!directory && !atlassian && !portalOnly) {
      if (reads.jira === undefined) {
        return {
          account: undefined,
          why: 'the organization has no Atlassian account with this address, but a portal-only account is visible only to Jira\'s user search, which shows you no users (you lack the "Browse users and groups" global permission)',
        };
      }
      return { account: null };
    }
    const facts: AccountFacts = {
      type: directory || atlassian ? 'atlassian' : 'portal-only',
      accountId: (directory ?? atlassian ?? portalOnly)!.accountId,
    };
    if (reads.jira !== undefined) facts.duplicate = !!((directory || atlassian) && portalOnly);
    const name = (atlassian ?? portalOnly)?.displayName;
    if (name) facts.displayName = name;
    facts.status = directory ? directoryStatus(directory) : 'active';
    const role = facts.type === 'portal-only' ? true : customerRole(reads, facts.accountId!);
    if (role !== undefined) facts.customerRole = role;
    return { account: facts };
  }

  if (reads.jira === undefined) {
    return {
      account: undefined,
      why: `Jira shows you no users: you lack the "Browse users and groups" global permission, so Jira's user search answers nothing; ${KEY_SETTLES}`,
    };
  }
  if (atlassian || portalOnly) {
    const primary = (atlassian ?? portalOnly)!;
    const facts: AccountFacts = {
      type: atlassian ? 'atlassian' : 'portal-only',
      status: 'active',
      duplicate: !!(atlassian && portalOnly),
      accountId: primary.accountId,
    };
    if (primary.displayName) facts.displayName = primary.displayName;
    const role = atlassian ? customerRole(reads, atlassian.accountId) : true;
    if (role !== undefined) facts.customerRole = role;
    return { account: facts };
  }
  // No active account visible: an inactive one may exist (suspended, deactivated or closed).
  const index = reads.inactive;
  const found = index?.byEmail[reads.email.toLowerCase()];
  if (found && found.length > 0) {
    const a = found.find((f) => f.accountType === 'atlassian');
    const c = found.find((f) => f.accountType === 'customer');
    const facts: AccountFacts = {
      type: a ? 'atlassian' : 'portal-only',
      status: 'inactive',
      duplicate: !!(a && c),
      accountId: (a ?? c ?? found[0]).accountId,
    };
    const role = a ? customerRole(reads, a.accountId) : true;
    if (role !== undefined) facts.customerRole = role;
    return { account: facts };
  }
  if (index?.complete && index.hidden === 0) return { account: null };
  return { account: { lookup: NO_ACTIVE_ACCOUNT } };
}

/** Why a 'no-active-account' lookup stayed open, in words. */
export function lookupWhy(index: InactiveIndex | undefined, indexError?: string): string {
  const open = !index
    ? `Jira's "Get all users" could not be read (${indexError ?? 'not read'})`
    : !index.complete
      ? `Jira's "Get all users" was read up to ${index.scanned} accounts, not all of them`
      : `Jira hid the address of ${index.hidden} inactive account${index.hidden === 1 ? '' : 's'} (profile visibility)`;
  return `${open}; ${KEY_SETTLES}`;
}

function customerRole(reads: SenderReads, accountId: string): boolean | undefined {
  if (reads.roles?.includes(AGENT_ROLE)) return true;
  if (reads.customerRoleIds?.includes(accountId)) return true;
  // The Admin API's role filter and Jira's application roles both read: neither grants it.
  if (reads.customerRoleIds !== undefined && reads.roles !== undefined) return false;
  return undefined;
}

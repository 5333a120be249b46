/**
 * Words shared by the evaluator, the command line and the pages: Atlassian's labels and the names of
 * the snapshot's sections as an admin knows them.
 */
import type { ApprovedDomainRole, Snapshot } from './snapshot';

/** An entered fact not confirmed for this many days is flagged for a check against Atlassian's page. */
export const STALE_AFTER_DAYS = 90;

/** The Jira Service Management roles of admin.atlassian.com's Approved domains. */
export const ROLE_LABEL: Record<ApprovedDomainRole, string> = {
  customer: 'Customer',
  user: 'User',
  none: 'No access',
};

/** A snapshot section's name as an admin knows it. */
export function sectionLabel(section: string, snapshot?: Snapshot): string {
  if (section === 'customerAccess') return 'Customer access';
  if (section === 'approvedDomains') return 'Approved domains';
  if (section === 'emailChannel') return 'Email allowlist and blocklist';
  if (section === 'accounts') return 'Accounts';
  if (section === 'projects') return 'Projects';
  if (section === 'serviceDesks') return 'Service projects';
  if (section === 'accounts.customerRole') return "Accounts: the sender's Customer role";
  if (section === 'accounts.status') return "Accounts: the sender's status (suspended or not)";
  if (section.startsWith('projects.')) {
    const [, key, field] = section.split('.');
    const name = snapshot?.projects?.[key]?.name;
    const project = name ? `${name} (${key})` : key;
    if (field === 'portalAccessGrants') return `${project}: Portal Access permissions`;
    if (field === 'customers') return `${project}: customers`;
    return `${project} customer permissions`;
  }
  return section;
}

/** Whole days since an ISO time, or null when the time is missing or unreadable. */
export function daysSince(iso: string | undefined, now: number = Date.now()): number | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return Math.floor((now - then) / 86_400_000);
}

/**
 * Words shared by the evaluator, the command line and the pages: Atlassian's labels and the names of
 * the snapshot's sections as an admin knows them. The evaluator answers in data (codes, facts,
 * sources, possible outcomes); this module is where that data becomes words.
 */
import { CAUSES, type Cause, type FixOwner } from './causes';
import type { FixId } from './fixes';
import type { ApprovedDomainRole, FactSource, Section, Snapshot } from './snapshot';
import type { InboundAccount, Notification, PossibleOutcome } from './result';

/** An entered fact not confirmed for this many days is flagged for a check against Atlassian's page. */
export const STALE_AFTER_DAYS = 90;

/**
 * The Jira Service Management roles of admin.atlassian.com's Approved domains, as its role picker
 * labels them ("No access" is the role domain.md calls None).
 */
export const ROLE_LABEL: Record<ApprovedDomainRole, string> = {
  customer: 'Customer',
  user: 'User',
  none: 'No access',
};

/** A cause in the admin's words: the cause table's one label for it. */
export function causeLabel(cause: Cause): string {
  return CAUSES[cause]?.label ?? cause;
}

/** Who can make a change (domain.md §5). */
export const WHO_TEXT: Record<FixOwner, string> = {
  agent: "an agent of the project (or a project admin), on the project's Customers page",
  'project-admin': 'a project admin (Administer Projects)',
  'jira-admin': 'a Jira admin (Administer Jira)',
  'org-admin': 'an organization admin (admin.atlassian.com)',
};

/**
 * Each change a fix can be made of, in general words (the rule book's list of fix candidates; an
 * answer's fix names the address, the domain and the project).
 */
export const FIX_TEXT: Record<FixId, string> = {
  'remove-from-blocklist': 'Remove the address or its domain from the blocklist',
  'check-blocklist':
    'When the blocklist is not known: make sure neither the address nor its domain is on it, then enter the blocklist in Customer Access Doctor',
  'add-to-allowlist':
    "Add the sender's domain to the allowlist, so its auto-replies, bulk mail and delivery reports are not filtered",
  'restore-access': "Restore the user's access (Directory > Users > the user > Restore access)",
  'resolve-duplicate':
    'Keep one account for the address: migrate the portal-only account to the Atlassian account, or remove one of them',
  'grant-customer-role': 'Give the account the Jira Service Management Customer role (product access)',
  'allow-account-creation': 'Set Portal access to "Allow customers to create accounts"',
  'add-external-domain':
    'Add the domain to External\'s list ("Only allow account creation for customers with specific email domains")',
  'external-any-domain': 'Uncheck "Only allow account creation for customers with specific email domains"',
  'external-on': 'Turn on "Allow portal-only accounts to be created for new customers"',
  'approve-domain': 'Give the domain the Jira Service Management role Customer in Approved domains',
  'remove-domain-row':
    'Remove the domain\'s row from Approved domains, so that "Any domain" (Customer) applies',
  'any-domain-customer': 'Set the "Any domain" row of Approved domains to Customer',
  'internal-on':
    'Turn on "Use approved domains to grant internal customers access to the help center with Atlassian accounts"',
  'invite-customer':
    "Invite the address on the project's Customers page (Add customers): it creates the account and makes the sender a customer of the project",
  'add-project-customer': "Add the address to the project's customers",
  'open-project': "Set the project's Customer permissions to Open",
  'grant-portal-access':
    'Grant "Service Project Customer - Portal Access" Browse Projects and Create Issues in the project\'s permission scheme',
};

/** The account an accepted email raises its request with. */
export const ACCOUNT_TEXT: Record<InboundAccount, string> = {
  existing: "the sender's existing account raises the request",
  'atlassian-account': 'an Atlassian account is created for the sender (Internal, approved domain)',
  'portal-only-account': 'a portal-only account is created for the sender (External)',
};

/** What an invite sends, in full. */
export const NOTIFICATION_TEXT: Record<Notification, string> = {
  'atlassian-account-invitation': 'Atlassian Account Invitation (from noreply+…@am.atlassian.com)',
  'jsm-customer-notification':
    'JSM - Customer Notification ("Customer invited" template, from the project\'s notification address)',
  'no-notification-error': 'No notification: the invite fails',
  'no-notification': 'No notification is sent',
  unknown: 'Unknown',
};

/** What an invite sends, briefly (the matrix table, a possibility's outcome). */
export const NOTIFICATION_SHORT: Record<Notification, string> = {
  'atlassian-account-invitation': 'Atlassian Account Invitation',
  'jsm-customer-notification': 'JSM - Customer Notification',
  'no-notification-error': 'none (error)',
  'no-notification': 'none',
  unknown: 'unknown',
};

/** Where a fact came from, in words ("read live from Atlassian at …", "entered by an admin (Ana) at …"). */
export function sourceText(s: FactSource): string {
  switch (s.kind) {
    case 'live':
      return `read live from Atlassian${s.at ? ` at ${s.at}` : ''}${s.read ? ` (${s.read})` : ''}`;
    case 'entered':
      return `entered by an admin${s.by ? ` (${s.by})` : ''}${s.at ? ` at ${s.at}` : ''}`;
    case 'sample':
      return 'the embedded sample site';
    case 'unknown':
      return s.why ? `unknown: ${s.why}` : 'unknown';
  }
}

/** A fact's value as a person reads it: a setting's switch is on or off, any other truth yes or no. */
export function valueText(value: unknown, fact = ''): string {
  if (value === undefined) return 'unknown';
  if (value === null) return 'none';
  if (typeof value === 'boolean') {
    if (fact.startsWith('customerAccess.')) return value ? 'on' : 'off';
    return value ? 'yes' : 'no';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '(empty list)';
    const shown = value.slice(0, 5).map((v) => valueText(v));
    return shown.join(', ') + (value.length > 5 ? `, … (${value.length} in all)` : '');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '(none)';
    const shown = entries.slice(0, 5).map(([k, v]) => `${k}: ${valueText(v)}`);
    return shown.join(', ') + (entries.length > 5 ? `, … (${entries.length} in all)` : '');
  }
  if (fact === 'approvedDomains' && typeof value === 'string' && value in ROLE_LABEL)
    return ROLE_LABEL[value as ApprovedDomainRole];
  return String(value);
}

/** What one case of an unknown fact gives, in words. */
export function outcomeText(then: PossibleOutcome): string {
  const other = ', depending on other facts';
  if (then.of === 'invite') {
    const words = then.notifications.map((n) => NOTIFICATION_SHORT[n]);
    return words.join(' or ') + (words.length > 1 ? other : '');
  }
  if (then.verdicts.length === 1 && then.verdicts[0] === 'rejected')
    return `rejected: ${then.causes.map(causeLabel).join('; ')}`;
  if (then.verdicts.length === 1 && then.verdicts[0] === 'accepted')
    return then.accounts.length === 1 ? `accepted: ${ACCOUNT_TEXT[then.accounts[0]]}` : 'accepted';
  return (
    then.verdicts.map((v) => (v === 'undocumented' ? 'undocumented by Atlassian' : v)).join(' or ') +
    (then.verdicts.length > 1 ? other : '')
  );
}

/** Each snapshot section's name as an admin knows it (a new section is a compile error here). */
export const SECTION_LABEL: Record<Section, string> = {
  customerAccess: 'Customer access',
  approvedDomains: 'Approved domains',
  emailChannel: 'Email allowlist and blocklist',
  projects: 'Projects',
  accounts: 'Accounts',
};

/** A snapshot section's name as an admin knows it. */
export function sectionLabel(section: string, snapshot?: Snapshot): string {
  if (section in SECTION_LABEL) return SECTION_LABEL[section as Section];
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

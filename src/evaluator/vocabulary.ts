/**
 * Words shared by the evaluator, the command line and the pages: Atlassian's labels and the names of
 * the snapshot's sections as an admin knows them. The evaluator answers in data (codes, facts,
 * sources, possible outcomes); this module is where that data becomes words.
 */
import { CAUSES, type Cause, type FixOwner } from './causes';
import type { FactKey } from './facts';
import type { FixId } from './fixes';
import type { ApprovedDomainRole, FactSource, Section, Snapshot } from './snapshot';
import type { DomainRow, ExternalSetting, MatrixRow } from './matrix';
import type { BulkGroup, NotAnAddress } from './summary';
import type { AuditWarning } from './audit';
import type {
  CheckResult,
  InboundAccount,
  Notification,
  PossibleOutcome,
  PossibleValue,
  Verdict,
} from './result';

/** An entered fact not confirmed for this many days is flagged for a check against Atlassian's page. */
export const STALE_AFTER_DAYS = 90;

/** Atlassian's labels on Settings > Products > Jira Service Management > Customer access. */
export const LABEL_INTERNAL =
  'Use approved domains to grant internal customers access to the help center with Atlassian accounts';
export const LABEL_EXTERNAL = 'Allow portal-only accounts to be created for new customers';
export const LABEL_EXTERNAL_DOMAINS = 'Only allow account creation for customers with specific email domains';
export const LABEL_ACCOUNTS_ALLOWED = 'Allow customers to create accounts';
export const LABEL_ACCOUNTS_NOT_ALLOWED = "Don't allow customers to create their own accounts";
/** Project settings > Access > Customer permissions. */
export const LABEL_OPEN = 'Open';
export const LABEL_RESTRICTED = 'Restricted';
export const LABEL_RESTRICTED_HELP = 'Only people directly invited to this project can submit requests';
/** admin.atlassian.com's Approved domains: the row for every domain not listed. */
export const LABEL_ANY_DOMAIN = 'Any domain';
/** Project settings > Customer notifications: the notification an invited customer gets. */
export const LABEL_CUSTOMER_INVITED = 'Customer invited';

/**
 * Each fact an admin enters, labelled as Atlassian's settings page shows it (or in our words, for the
 * mailbox, which no Atlassian page names): the resolver's messages about a field, the pages' fields
 * and the command line's checks start with these. The backend's schemas check that every fact it
 * takes has one (backend/schemas.ts, FACT_LABELS).
 */
export const ENTERED_FACT_LABEL = {
  customerAccess: {
    internal: LABEL_INTERNAL,
    external: LABEL_EXTERNAL,
    externalDomains: LABEL_EXTERNAL_DOMAINS,
    accountCreation: 'Portal access',
  },
  approvedDomains: { domains: 'Approved domains', anyDomain: LABEL_ANY_DOMAIN },
  emailChannel: {
    allowlist: 'Allowlist',
    blocklist: 'Blocklist',
    mailbox: 'The email address customers write to',
  },
  project: {
    access: 'Customer permissions',
    customerInvitedNotification: `"${LABEL_CUSTOMER_INVITED}" notification`,
  },
} as const satisfies Record<string, Record<string, string>>;

/**
 * Each fact the rules read, named as an answer shows it (a check's facts): Atlassian's name for the
 * setting or the account's property; the facts an admin enters, as the settings page labels them.
 */
export const FACT_LABEL: Record<FactKey, string> = {
  blocklist: ENTERED_FACT_LABEL.emailChannel.blocklist,
  allowlist: ENTERED_FACT_LABEL.emailChannel.allowlist,
  mailbox: 'Email account (the Atlassian-provided address or a custom email account)',
  accountExists: 'Account',
  accountType: 'Account type',
  accountStatus: 'Account status',
  duplicate: 'Duplicate accounts',
  customerRole: 'Jira Service Management Customer role',
  accountCreation: ENTERED_FACT_LABEL.customerAccess.accountCreation,
  internal: 'Internal customers (approved domains)',
  external: 'External customers (portal-only accounts)',
  externalList: "External's domain list",
  role: 'Approved domains (Jira Service Management role)',
  projectAccess: ENTERED_FACT_LABEL.project.access,
  isCustomer: "The project's customers",
  portalAccessGrants: 'Permission scheme: "Service Project Customer - Portal Access"',
  invitedNotification: ENTERED_FACT_LABEL.project.customerInvitedNotification,
};

/** The verdict on an email (the command line prints it in capitals, for emphasis only). */
export const VERDICT_LABEL: Record<Verdict, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  unknown: 'Unknown',
};

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

/** A check's result: what Jira's check of one fact gave. */
export const CHECK_RESULT_LABEL: Record<CheckResult, string> = {
  pass: 'Passes',
  fail: 'Fails',
  unknown: 'Unknown',
  skipped: 'Not checked',
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

/** Who can make a change (domain.md §5), briefly. */
export const WHO_LABEL: Record<FixOwner, string> = {
  agent: 'an agent of the project',
  'project-admin': 'a project admin',
  'jira-admin': 'a Jira admin',
  'org-admin': 'an organization admin',
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who can make a change, starting a sentence or a table cell ("A Jira admin"). */
export const WHO_CELL = Object.fromEntries(
  Object.entries(WHO_LABEL).map(([who, label]) => [who, capitalised(label)]),
) as Record<FixOwner, string>;

/** Who can make a change (domain.md §5), with the permission or place that lets them. */
export const WHO_TEXT: Record<FixOwner, string> = {
  agent: `${WHO_LABEL.agent} (or a project admin), on the project's Customers page`,
  'project-admin': `${WHO_LABEL['project-admin']} (Administer Projects)`,
  'jira-admin': `${WHO_LABEL['jira-admin']} (Administer Jira)`,
  'org-admin': `${WHO_LABEL['org-admin']} (admin.atlassian.com)`,
};

/** The account an accepted email raises its request with, as a noun ("Accepted, with …"). */
export const ACCOUNT_LABEL: Record<InboundAccount, string> = {
  existing: "the sender's existing account",
  'atlassian-account': 'a new Atlassian account',
  'portal-only-account': 'a new portal-only account',
};

/** An accepted email, in one sentence: "Nothing is rejected: the email becomes a request, using …". */
export function acceptedText(account: InboundAccount | null): string {
  return `Nothing is rejected: the email becomes a request${account ? `, using ${ACCOUNT_LABEL[account]}` : ''}.`;
}

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
  'no-notification-error': 'None: the invite fails',
  'no-notification': 'None',
  unknown: 'Unknown',
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

/** A setting's value as Atlassian's page labels it; an account's type and status as admin.atlassian.com does. */
const VALUE_WORDS: Record<string, string> = {
  allowed: LABEL_ACCOUNTS_ALLOWED,
  'not-allowed': LABEL_ACCOUNTS_NOT_ALLOWED,
  open: LABEL_OPEN,
  restricted: LABEL_RESTRICTED,
  any: LABEL_ANY_DOMAIN,
  listed: 'Listed',
  'not-listed': 'Not listed',
  active: 'Active',
  suspended: 'Suspended',
  deactivated: 'Deactivated',
  closed: 'Closed',
};

/** Words for values whose meaning depends on the fact ("atlassian" is an account type or a mailbox). */
const FACT_VALUE_WORDS: Record<string, Record<string, string>> = {
  approvedDomains: ROLE_LABEL,
  'accounts.type': { atlassian: 'Atlassian account', 'portal-only': 'Portal-only account' },
  'emailChannel.mailbox': {
    atlassian: 'The Atlassian-provided address',
    custom: 'A custom email account',
  },
};

/** "accounts[sender].type" → "accounts.type"; "projects.HELP.access" → "projects.access". */
function factKind(fact: string): string {
  const parts = fact.replace(/\[[^\]]*\]/g, '').split('.');
  if (parts[0] === 'projects') parts.splice(1, 1);
  if (parts[0] === 'approvedDomains') return 'approvedDomains';
  return parts.join('.');
}

/**
 * A fact's value as a person reads it: a Customer access switch is On or Off, any other truth Yes or
 * No, a setting's value as Atlassian's page labels it, a role as admin.atlassian.com names it.
 */
export function valueText(value: unknown, fact = ''): string {
  if (value === undefined) return 'Unknown';
  if (value === null) return 'None';
  if (typeof value === 'boolean') {
    if (fact.startsWith('customerAccess.')) return value ? 'On' : 'Off';
    return value ? 'Yes' : 'No';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '(empty list)';
    const shown = value.slice(0, 5).map((v) => (typeof v === 'string' ? v : valueText(v)));
    return shown.join(', ') + (value.length > 5 ? `, … (${value.length} in all)` : '');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '(none)';
    const shown = entries.slice(0, 5).map(([k, v]) => `${k}: ${valueText(v)}`);
    return shown.join(', ') + (entries.length > 5 ? `, … (${entries.length} in all)` : '');
  }
  const text = String(value);
  return FACT_VALUE_WORDS[factKind(fact)]?.[text] ?? VALUE_WORDS[text] ?? text;
}

/** One value of an unknown fact, in words: `Portal access is "Allow customers to create accounts"`. */
export function conditionText(when: PossibleValue, label: string): string {
  return `${label} is "${valueText(when.value, when.fact)}"`;
}

/** What one case of an unknown fact gives, in words ("Rejected: <cause>", "Accepted, with a new …"). */
export function outcomeText(then: PossibleOutcome): string {
  const other = ', depending on other facts';
  if (then.of === 'invite') {
    const words = then.notifications.map((n) => NOTIFICATION_SHORT[n]);
    return words.join(' or ') + (words.length > 1 ? other : '');
  }
  if (then.verdicts.length === 1 && then.verdicts[0] === 'rejected')
    return `${VERDICT_LABEL.rejected}: ${then.causes.map(causeLabel).join('; ')}`;
  if (then.verdicts.length === 1 && then.verdicts[0] === 'accepted')
    return then.accounts.length === 1
      ? `${VERDICT_LABEL.accepted}, with ${ACCOUNT_LABEL[then.accounts[0]]}`
      : VERDICT_LABEL.accepted;
  const words = then.verdicts.map((v) => (v === 'undocumented' ? 'undocumented by Atlassian' : v));
  const text = words.join(' or ') + (words.length > 1 ? other : '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One case of an unknown fact and what it gives, as a sentence: `If <fact> is "<value>": <outcome>.` */
export function possibilityText(p: { when: PossibleValue; then: PossibleOutcome }, label: string): string {
  return `If ${conditionText(p.when, label)}: ${outcomeText(p.then)}.`;
}

/**
 * The mail filters of the email channel (domain.md §1.4): the email log shows such a message with the
 * status "Rejected"; Atlassian names the three header filters, and nothing else. Read from the cause
 * table (its `logInstead.filter`), where each name is written once.
 */
export const FILTERED_AS: Partial<Record<Cause, string>> = Object.fromEntries(
  Object.entries(CAUSES).flatMap(([cause, entry]) => {
    const filter = entry.logInstead && 'filter' in entry.logInstead ? entry.logInstead.filter : undefined;
    return filter ? [[cause, filter]] : [];
  }),
);

/** Whether a cause is one of the email channel's filters (the causes the cause table gives advice for). */
export function isFilterCause(cause: Cause | undefined): boolean {
  return !!cause && CAUSES[cause]?.advice !== undefined;
}

/** What the email log shows for a message a filter rejects, in words (Atlassian's quoted name where it has one). */
export function filteredLogText(cause: Cause): string {
  const name = FILTERED_AS[cause];
  return `The email log shows it with the status "Rejected"${name ? `, as "${name}"` : ''}: filtered before Jira looks at the sender's account, so no request is created.`;
}

/**
 * A check's or an invite's explanation as a reader gets it: without the rule book's "(OPEN)" marker
 * (a research note that Atlassian documents nothing, which the sentence already says). The step table
 * (rules.ts) writes these sentences; until it writes them without the marker, both surfaces read them
 * through here.
 */
export function detailText(text: string): string {
  return text.replace(/\s*\(OPEN\)/g, '');
}

/** "just now", "5 minutes ago", "3 days ago"; null when the time is missing or unreadable. */
export function ageText(iso: string | undefined, now: number = Date.now()): string | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** Atlassian account IDs ("557058:…", 24 hex digits) mean nothing to a reader; names do. */
export function looksLikeAccountId(by: string): boolean {
  return /^\d+:[\w-]+$/.test(by) || /^[0-9a-f]{24}$/i.test(by) || /^qm:/.test(by);
}

/**
 * Where a fact came from, for a reader: "Read live from Atlassian, 1 hour ago", "Entered by an admin
 * (Ana), 3 days ago", "Sample data (not your site)". With `now`, the time is an age; without, the time
 * as recorded. An account ID is never shown as who entered a fact (a name is).
 */
export function sourceWords(source: FactSource, now?: number): string {
  const when = (at: string | undefined) => {
    if (!at) return '';
    if (now === undefined) return ` at ${at}`;
    const age = ageText(at, now);
    return age ? `, ${age}` : ` at ${at}`;
  };
  switch (source.kind) {
    case 'live':
      return `Read live from Atlassian${source.read ? ` (${source.read})` : ''}${when(source.at)}`;
    case 'entered': {
      const by = source.by && !looksLikeAccountId(source.by) ? ` (${source.by})` : '';
      return `Entered by an admin${by}${when(source.at)}`;
    }
    case 'sample':
      return 'Sample data (not your site)';
    case 'unknown':
      return source.why ? `Unknown: ${source.why}` : 'Unknown';
    default:
      return 'Unknown';
  }
}

/** The decision matrix's External column: the switch, and whether its domain list lets the domain in. */
export const EXTERNAL_SETTING_LABEL: Record<ExternalSetting, string> = {
  off: 'Off',
  'on-any-domain': 'On, any domain',
  'on-domain-listed': 'On, this domain listed',
  'on-domain-not-listed': 'On, this domain not listed',
};

/** The decision matrix's column for the sender's domain in Approved domains: its row's role, or none. */
export const DOMAIN_ROW_LABEL: Record<DomainRow, string> = {
  'not-listed': 'Not listed',
  ...ROLE_LABEL,
};

/** A matrix row's email outcome: "Accepted: a new Atlassian account", "Rejected: <the first cause>". */
export function matrixOutcomeText(
  inbound: MatrixRow['inbound'],
  cause: (c: Cause) => string = causeLabel,
): string {
  const verdict = VERDICT_LABEL[inbound.verdict];
  if (inbound.verdict === 'accepted' && inbound.account)
    return `${verdict}: ${ACCOUNT_LABEL[inbound.account]}`;
  if (inbound.causes.length) return `${verdict}: ${cause(inbound.causes[0])}`;
  return verdict;
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

// --- Check many and `access-doctor bulk` -----------------------------------------------------------

/** A number as people read it: 1,450. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 line", "2,450 addresses". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A line of a bulk check that is not an address, counted beside the verdicts. */
export const NOT_AN_ADDRESS = 'Not an address';

/**
 * What a group of a bulk check is about: its cause, how an accepted email gets in, or what an
 * unknown outcome turns on (the evaluator's summary of the group's first address).
 */
export function bulkGroupText(g: Pick<BulkGroup, 'cause' | 'verdict' | 'account' | 'summary'>): string {
  if (g.cause) return causeLabel(g.cause);
  if (g.verdict === 'accepted')
    return g.account ? `Gets in with ${ACCOUNT_LABEL[g.account]}` : 'Gets through';
  return g.summary;
}

/** Whom a group's first fix is written for, when the group has more than one address. */
export function fixForText(g: Pick<BulkGroup, 'count' | 'fixFor'>): string {
  return g.count > 1 && g.fixFor ? `written for ${g.fixFor}` : '';
}

/** Lines that repeated an address already counted, in one sentence. */
export function repeatedText(n: number): string {
  return `${plural(n, 'line')} repeated an address already counted (in the same or another letter case); each address is counted once.`;
}

/** A line that is not an address: its number, the text, and why. */
export function notAnAddressText(bad: NotAnAddress): string {
  return `${bad.line === undefined ? '' : `Line ${count(bad.line)}: `}${bad.input ? `"${bad.input}"` : '(empty)'}: ${bad.error}`;
}

// --- The settings audit (the admin page's Audit and `access-doctor audit`) ----------------------------

/** How serious a finding is (the command line prints it in capitals, for emphasis only). */
export const AUDIT_SEVERITY_LABEL: Record<AuditWarning['severity'], string> = {
  risk: 'Risk',
  contradiction: 'Contradiction',
  note: 'Note',
  stale: 'Unconfirmed',
};

/** The parts of a finding, as each surface labels them. */
export const AUDIT_PART_LABEL = { why: 'Why it matters', fix: 'Fix', where: 'Where' } as const;

/** How many findings, and their order. */
export function auditCountText(n: number): string {
  return n === 1 ? '1 finding' : `${count(n)} findings, the ones that let strangers in first`;
}

/** An audit that found nothing: the headline, and what was looked at. */
export const AUDIT_NONE = 'No risky or contradictory settings found';
export const AUDIT_NONE_TEXT = `Nothing in the settings the app knows lets strangers in, contradicts itself, or is older than ${STALE_AFTER_DAYS} days without a confirmation.`;

/**
 * Every cause that blocks an email, in the order Jira meets them (domain.md §2), with what the email
 * log shows, who can remove it (domain.md §5) and its words. The `Cause` type, the order of causes,
 * the email-log line of an answer and the labels of the command line and the pages all derive from
 * this one table; docs/rules.md's steps are generated from it and the step table (`npm run rules:doc`).
 */
import type { SourceTag } from './sources';

export const LOG_NOT_ALLOWED_DOMAIN = "Email doesn't belong to domains allowed in customer access settings";
export const LOG_NO_PERMISSION = "You don't have permission to access this service project.";
export type EmailLogText = typeof LOG_NOT_ALLOWED_DOMAIN | typeof LOG_NO_PERMISSION;

/** Who can make a change (domain.md §5), from the least privileged. */
export const FIX_OWNERS = ['agent', 'project-admin', 'jira-admin', 'org-admin'] as const;
export type FixOwner = (typeof FIX_OWNERS)[number];

/** What the email log shows for a cause whose text Atlassian does not document. */
export type LogInstead =
  /** The message's status "Rejected", with the filter's name where Atlassian names it (both its exact words). */
  | { status: 'Rejected'; filter?: string }
  /** No text and no status documented: what happens, in our words (never quoted). */
  | { happens: string };

export interface CauseEntry {
  /** The exact text Atlassian's email log prints, or null when Atlassian documents none. */
  log: EmailLogText | null;
  /** Where `log` is null: what the email log shows instead. */
  logInstead?: LogInstead;
  /** The Atlassian pages that document the cause (sources.ts). */
  sources: readonly SourceTag[];
  /** Who can remove the cause; null when nothing should change (Jira's own mail). */
  owner: FixOwner | null;
  /** The cause in the admin's words. */
  label: string;
  /** For mail the email channel filters: what to do, since no Customer access setting helps. */
  advice?: string;
}

const ALLOWLIST_ADVICE = (what: string) =>
  `${what} are filtered on purpose. If this sender's mail must get through, add their domain to the project's email allowlist (Project settings > Email requests), which skips this filter.`;

const TABLE = {
  blocklisted: {
    log: null,
    logInstead: { status: 'Rejected' },
    sources: ['BLOCK', 'PROC'],
    owner: 'project-admin',
    label: "The sender is on the project's email blocklist",
    advice:
      "Remove the address or its domain from the project's blocklist (Project settings > Email requests > Blocklist).",
  },
  'dmarc-failed': {
    log: null,
    logInstead: { status: 'Rejected' },
    sources: ['DMARC', 'DMARC-KB'],
    owner: 'jira-admin',
    label: 'The message failed DMARC authentication',
    advice:
      "Ask the sender's mail administrator to fix DMARC (SPF and DKIM) for their domain; the allowlist does not skip this check.",
  },
  'mail-loop': {
    log: null,
    logInstead: { status: 'Rejected' },
    sources: ['PROC'],
    owner: null,
    label: 'The message was sent by Jira itself (mail loop guard)',
    advice: 'Mail that Jira sent itself is never turned into a request; nothing to change.',
  },
  'auto-reply': {
    log: null,
    logInstead: { status: 'Rejected', filter: 'Auto-reply mail' },
    sources: ['REJ'],
    owner: 'project-admin',
    label: 'The message is an automatic reply (Auto-Submitted header)',
    advice: ALLOWLIST_ADVICE('Automatic replies'),
  },
  'bulk-mail': {
    log: null,
    logInstead: { status: 'Rejected', filter: 'Bulk mail' },
    sources: ['REJ'],
    owner: 'project-admin',
    label: 'The message is bulk mail (Precedence: bulk)',
    advice: ALLOWLIST_ADVICE('Bulk mail messages'),
  },
  'delivery-status': {
    log: null,
    logInstead: { status: 'Rejected', filter: 'Automated delivery status message' },
    sources: ['REJ'],
    owner: 'project-admin',
    label: 'The message is an automated delivery status report',
    advice: ALLOWLIST_ADVICE('Delivery reports'),
  },
  'sender-suspended': {
    log: LOG_NOT_ALLOWED_DOMAIN,
    sources: ['KB-DOM', 'SUSP'],
    owner: 'org-admin',
    label: "The sender's access to the site is suspended",
  },
  'duplicate-accounts': {
    log: LOG_NO_PERMISSION,
    sources: ['DUP'],
    owner: 'org-admin',
    label: 'The sender has both a portal-only and an Atlassian account',
  },
  'no-customer-role': {
    log: LOG_NO_PERMISSION,
    sources: ['KB-PERM', 'MIGR'],
    owner: 'org-admin',
    label: "The sender's Atlassian account has no Jira Service Management Customer role",
  },
  'account-creation-disabled': {
    log: LOG_NO_PERMISSION,
    sources: ['KB-PERM', 'IMPACT'],
    owner: 'jira-admin',
    label: 'Customers may not create their own accounts (Portal access)',
  },
  'external-domain-not-listed': {
    log: LOG_NOT_ALLOWED_DOMAIN,
    sources: ['KB-DOM'],
    owner: 'jira-admin',
    label: "The sender's domain is not on the portal-only (External) domain list",
  },
  'domain-not-granted': {
    log: LOG_NOT_ALLOWED_DOMAIN,
    sources: ['KB-DOM', 'AD'],
    owner: 'org-admin',
    label: "The sender's domain is not granted the Customer role and portal-only accounts are off",
  },
  'no-account-types': {
    log: LOG_NOT_ALLOWED_DOMAIN,
    sources: ['KB-DOM'],
    owner: 'jira-admin',
    label: 'Neither Atlassian accounts nor portal-only accounts can be created for new customers',
  },
  'project-restricted': {
    log: LOG_NO_PERMISSION,
    sources: ['EMPERM'],
    owner: 'project-admin',
    label: 'The project is Restricted and the sender is not one of its customers',
  },
  'portal-access-grants-missing': {
    log: null,
    logInstead: { happens: 'the request is not created' },
    sources: ['SIGNUP'],
    owner: 'jira-admin',
    label:
      'The permission scheme does not grant "Service Project Customer - Portal Access" Browse Projects and Create Issues',
  },
} as const satisfies Record<string, CauseEntry>;

export type Cause = keyof typeof TABLE;

export const CAUSES: Readonly<Record<Cause, CauseEntry>> = TABLE;

/** The causes in the order Jira meets them: the first of an answer's causes is the one the log shows. */
export const CAUSE_ORDER = Object.keys(TABLE) as Cause[];

const RANK = new Map(CAUSE_ORDER.map((c, i) => [c, i]));

/** Sorts causes into the order Jira meets them. */
export function byCauseOrder(a: Cause, b: Cause): number {
  return RANK.get(a)! - RANK.get(b)!;
}

/** The email-log text of a cause, or null when Atlassian documents none. */
export function logOf(cause: Cause): EmailLogText | null {
  return CAUSES[cause].log;
}

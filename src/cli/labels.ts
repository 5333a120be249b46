/** Words for the evaluator's codes, as a JSM admin would say them. */
import type { Cause, CheckResult, FixOwner, InboundAccount, Notification, Verdict } from '../evaluator';
import type { Colors } from './color';

export const CAUSE_TEXT: Record<Cause, string> = {
  blocklisted: "the sender's domain or address is on the project's email blocklist",
  'auto-reply': 'an Auto-Submitted header marks the message as an auto-reply',
  'bulk-mail': 'a "Precedence: bulk" header marks the message as bulk mail',
  'delivery-status': 'the message is an automated delivery status report',
  'dmarc-failed': 'the message failed DMARC authentication',
  'mail-loop': 'the message was sent by this Jira site itself (mail loop guard)',
  'sender-suspended': "the sender's access to the site is suspended",
  'duplicate-accounts': 'a portal-only account and an Atlassian account share this address',
  'no-customer-role': "the sender's Atlassian account lacks the Jira Service Management Customer role",
  'account-creation-disabled': `Portal access is "Don't allow customers to create their own accounts"`,
  'external-domain-not-listed': "External is on, but its list of domains leaves out the sender's domain",
  'domain-not-granted':
    "Internal is on, but Approved domains do not give the sender's domain the Customer role, and External is off",
  'no-account-types': 'Internal and External are both off: no account can be created for a new sender',
  'project-restricted': 'the project is Restricted and the sender is not one of its customers',
  'portal-access-grants-missing':
    'the permission scheme does not grant "Service Project Customer - Portal Access" Browse Projects and Create Issues',
};

/** Who can make a change (domain.md §5). */
export const WHO_TEXT: Record<FixOwner, string> = {
  agent: "an agent of the project (or a project admin), on the project's Customers page",
  'project-admin': 'a project admin (Administer Projects)',
  'jira-admin': 'a Jira admin (Administer Jira)',
  'org-admin': 'an organization admin (admin.atlassian.com)',
};

export const ACCOUNT_TEXT: Record<InboundAccount, string> = {
  existing: "the sender's existing account raises the request",
  'atlassian-account': 'an Atlassian account is created for the sender (Internal, approved domain)',
  'portal-only-account': 'a portal-only account is created for the sender (External)',
};

export const NOTIFICATION_TEXT: Record<Notification, string> = {
  'atlassian-account-invitation': 'Atlassian Account Invitation (from noreply+…@am.atlassian.com)',
  'jsm-customer-notification':
    'JSM - Customer Notification ("Customer invited" template, from the project\'s notification address)',
  'no-notification-error': 'No notification: the invite fails',
  'no-notification': 'No notification is sent',
  unknown: 'Unknown',
};

/** Short names for the matrix table. */
export const NOTIFICATION_SHORT: Record<Notification, string> = {
  'atlassian-account-invitation': 'Atlassian Account Invitation',
  'jsm-customer-notification': 'JSM - Customer Notification',
  'no-notification-error': 'none (error)',
  'no-notification': 'none',
  unknown: 'unknown',
};

export function verdictWord(verdict: Verdict | 'invalid', c: Colors): string {
  switch (verdict) {
    case 'accepted':
      return c.bold(c.green('ACCEPTED'));
    case 'rejected':
      return c.bold(c.red('REJECTED'));
    case 'unknown':
      return c.bold(c.yellow('UNKNOWN'));
    case 'invalid':
      return c.bold(c.yellow('NOT AN ADDRESS'));
  }
}

export function resultMark(result: CheckResult, c: Colors): string {
  switch (result) {
    case 'pass':
      return c.green('✔ pass   ');
    case 'fail':
      return c.red('✘ fail   ');
    case 'unknown':
      return c.yellow('? unknown');
    case 'skipped':
      return c.dim('– skipped');
  }
}

/** A fact's value as a person reads it: a setting's switch is on or off, any other truth yes or no. */
export function showValue(value: unknown, fact = ''): string {
  if (value === undefined) return 'unknown';
  if (value === null) return 'none';
  if (typeof value === 'boolean') {
    if (fact.startsWith('customerAccess.')) return value ? 'on' : 'off';
    return value ? 'yes' : 'no';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '(empty list)';
    const shown = value.slice(0, 5).map((v) => showValue(v));
    return shown.join(', ') + (value.length > 5 ? `, … (${value.length} in all)` : '');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '(none)';
    const shown = entries.slice(0, 5).map(([k, v]) => `${k}: ${showValue(v)}`);
    return shown.join(', ') + (entries.length > 5 ? `, … (${entries.length} in all)` : '');
  }
  return String(value);
}

/** Words for the evaluator's codes, as a JSM admin would say them. */
import {
  CAUSES,
  type Cause,
  type CheckResult,
  type FixOwner,
  type InboundAccount,
  type Notification,
  type Verdict,
} from '../evaluator';
import type { Colors } from './color';

/** A cause in words: the evaluator's one label for it, shared with the pages. */
export function causeText(cause: Cause): string {
  return CAUSES[cause]?.label ?? cause;
}

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

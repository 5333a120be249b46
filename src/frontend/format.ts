/** Words the pages show for the evaluator's values: plain English, Atlassian's own labels. Pure. */
import type {
  ApprovedDomainRole,
  Cause,
  CheckResult,
  FactSource,
  FixOwner,
  InboundAccount,
  Notification,
  Snapshot,
  Verdict,
} from '../evaluator';
import { CAUSES, FIX_OWNERS } from '../evaluator/causes';
import { ROLE_LABEL } from '../evaluator/vocabulary';

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
export const LABEL_ANY_DOMAIN = 'Any domain';
/** Project settings > Customer notifications: the notification an invited customer gets. */
export const LABEL_CUSTOMER_INVITED = 'Customer invited';

export const VERDICT_LABEL: Record<Verdict, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  unknown: 'Unknown',
};

export const VERDICT_APPEARANCE: Record<Verdict, 'success' | 'removed' | 'moved'> = {
  accepted: 'success',
  rejected: 'removed',
  unknown: 'moved',
};

export const CHECK_RESULT_LABEL: Record<CheckResult, string> = {
  pass: 'Passes',
  fail: 'Fails',
  unknown: 'Unknown',
  skipped: 'Not checked',
};

export const CHECK_RESULT_APPEARANCE: Record<CheckResult, 'success' | 'removed' | 'moved' | 'default'> = {
  pass: 'success',
  fail: 'removed',
  unknown: 'moved',
  skipped: 'default',
};

export function causeLabel(cause: Cause | null | undefined): string {
  if (!cause) return 'No cause';
  return CAUSES[cause]?.label ?? cause;
}

export const NOTIFICATION_LABEL: Record<Notification, string> = {
  'atlassian-account-invitation': 'Atlassian account invitation (sent from noreply@am.atlassian.com)',
  'jsm-customer-notification':
    'Jira Service Management customer notification ("Customer invited", from the project\'s email address)',
  'no-notification-error': 'No notification: the invite fails',
  'no-notification': 'No notification is sent',
  unknown: 'Unknown',
};

export const ACCOUNT_LABEL: Record<InboundAccount, string> = {
  existing: "the sender's existing account",
  'atlassian-account': 'a new Atlassian account',
  'portal-only-account': 'a new portal-only account',
};

export { ROLE_LABEL, sectionLabel, daysSince } from '../evaluator/vocabulary';

/** "just now", "5 minutes ago", "3 days ago"; null when the time is missing or unreadable. */
export function age(iso: string | undefined, now: number = Date.now()): string | null {
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

/** Where a fact came from and how old it is, in one line. */
export function sourceText(source: FactSource | undefined, now: number = Date.now()): string {
  if (!source) return 'Not entered yet';
  switch (source.kind) {
    case 'live': {
      const when = age(source.at, now);
      return `Read live from Atlassian${source.read ? ` (${source.read})` : ''}${when ? `, ${when}` : ''}`;
    }
    case 'entered': {
      const when = age(source.at, now);
      const by = source.by && !looksLikeAccountId(source.by) ? ` (${source.by})` : '';
      return `Entered by an admin${by}${when ? `, ${when}` : ''}`;
    }
    case 'sample':
      return 'Sample data (not your site)';
    case 'unknown':
      return source.why ? `Unknown: ${source.why}` : 'Unknown';
    default:
      return 'Unknown';
  }
}

/** Atlassian account IDs ("557058:…", 24 hex digits) mean nothing to a reader; names do. */
function looksLikeAccountId(by: string): boolean {
  return /^\d+:[\w-]+$/.test(by) || /^[0-9a-f]{24}$/i.test(by) || /^qm:/.test(by);
}

/**
 * The source recorded for a section or a fact path: the exact entry, else the nearest enclosing one
 * ("customerAccess.internal" → "customerAccess"; "accounts[sender].type" → "accounts"). A project's
 * live facts never borrow the source of what an admin entered for that project.
 */
export function sourceOf(snapshot: Snapshot, section: string): FactSource | undefined {
  const sources = snapshot.sources ?? {};
  const path = section.replace(/\[[^\]]*\]/g, '');
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    const source = sources[key];
    if (!source) continue;
    const projectLevel = parts[0] === 'projects' && n === 2 && parts.length > 2;
    if (projectLevel && source.kind === 'entered' && !ENTERED_PROJECT_FACTS.includes(parts[2])) continue;
    return source;
  }
  return undefined;
}

/** The project facts an admin enters; the others (customers, Portal Access grants) are read live. */
const ENTERED_PROJECT_FACTS = ['access', 'customerInvitedNotification'];

/** Facts no API reads: when unknown, they are "not entered yet". */
function isEnteredFact(path: string): boolean {
  const parts = path.split('.');
  if (parts[0] === 'projects') return ENTERED_PROJECT_FACTS.includes(parts[2] ?? '');
  return ['customerAccess', 'emailChannel'].includes(parts[0]);
}

/**
 * Where one fact came from, in words: read live (when), entered (by whom, when), or not known. A fact
 * with no value is never said to be read live or entered.
 */
export function factSourceText(
  snapshot: Snapshot,
  path: string,
  known: boolean,
  now: number = Date.now(),
): string {
  if (!known) {
    const clean = path.replace(/\[[^\]]*\]/g, '');
    const unreadable = Object.keys(snapshot.unreadable ?? {}).some(
      (k) => clean === k || clean.startsWith(`${k}.`) || k.startsWith(`${clean}.`),
    );
    if (unreadable) return 'Not known: it could not be read';
    if (isEnteredFact(clean)) return 'Not entered yet';
    if (clean === 'approvedDomains' && !snapshot.approvedDomains) return 'Not entered yet';
    return 'Not known';
  }
  const source = sourceOf(snapshot, path);
  return source ? sourceText(source, now) : 'Not recorded';
}

/** A fact's value as text; undefined is "Unknown". */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return 'Unknown';
  if (value === true) return 'On';
  if (value === false) return 'Off';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(empty list)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function onOff(value: boolean | undefined): string {
  return value === undefined ? 'Unknown (not entered)' : value ? 'On' : 'Off';
}

/** Splits a typed list of domains or addresses (spaces, commas, semicolons or new lines). */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const VALUE_WORDS: Record<string, string> = {
  allowed: LABEL_ACCOUNTS_ALLOWED,
  'not-allowed': LABEL_ACCOUNTS_NOT_ALLOWED,
  open: LABEL_OPEN,
  restricted: LABEL_RESTRICTED,
  atlassian: 'Atlassian account',
  'portal-only': 'Portal-only account',
  active: 'Active',
  suspended: 'Suspended',
  deactivated: 'Deactivated',
  closed: 'Closed',
  any: 'Any domain',
  listed: 'Listed',
  'not-listed': 'Not listed',
};

/** A fact's value in words: settings are On/Off, other yes/no facts Yes/No, roles as Atlassian names them. */
export function factValueText(fact: { fact: string; value?: unknown }): string {
  const { value } = fact;
  if (typeof value === 'boolean') {
    if (fact.fact.startsWith('customerAccess')) return value ? 'On' : 'Off';
    return value ? 'Yes' : 'No';
  }
  if (typeof value === 'string') {
    if (fact.fact.startsWith('approvedDomains') && value in ROLE_LABEL) {
      return ROLE_LABEL[value as ApprovedDomainRole];
    }
    return VALUE_WORDS[value] ?? value;
  }
  return valueText(value);
}

/** The evaluator's "… at 2026-11-21T10:00:00Z" source, with the time as an age and a capital first letter. */
export function sourceWithAge(source: string, now: number = Date.now()): string {
  const text = source
    .replace(/ \((\d+:[\w-]+|[0-9a-f]{24})\)/i, '')
    .replace(/ at (\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d))/, (whole, iso: string) => {
      const when = age(iso, now);
      return when ? `, ${when}` : whole;
    });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const POSSIBLE_VALUE_WORDS: Record<string, string> = {
  ...VALUE_WORDS,
  on: 'On',
  off: 'Off',
  customer: ROLE_LABEL.customer,
  user: ROLE_LABEL.user,
  none: ROLE_LABEL.none,
};

/** "If Portal access is Don't allow…: Rejected: Customers may not…" from the evaluator's possibility. */
export function possibilityText(p: { value: string; outcome: string }): string {
  const eq = p.value.lastIndexOf(' = ');
  const value =
    eq > 0
      ? `${p.value.slice(0, eq)} is "${POSSIBLE_VALUE_WORDS[p.value.slice(eq + 3)] ?? p.value.slice(eq + 3)}"`
      : p.value;
  const rejected = /^rejected: (.+)$/.exec(p.outcome);
  let outcome = p.outcome.charAt(0).toUpperCase() + p.outcome.slice(1);
  if (rejected) {
    const causes = rejected[1].split(', ');
    if (causes.every((c) => c in CAUSES)) {
      outcome = `Rejected: ${causes.map((c) => CAUSES[c as Cause].label).join('; ')}`;
    }
  }
  return `If ${value}: ${outcome}.`.replace(/\.\.$/, '.');
}

/** A fact path (such as "customerAccess.external") as its label, from the facts the checks used. */
export function factLabels(checks: { facts: { fact: string; label: string }[] }[]): (path: string) => string {
  const labels = new Map<string, string>();
  for (const check of checks) for (const f of check.facts) labels.set(f.fact, f.label);
  return (path) => labels.get(path) ?? path;
}

/** Whether a section ("projects.VIP", "projects.VIP.customers") is about a project other than `projectKey`. */
export function aboutOtherProject(section: string, projectKey: string): boolean {
  if (!section.startsWith('projects.')) return false;
  return section.split('.')[1] !== projectKey;
}

/** Who can make a fix (domain.md §5), as the pages name them. */
export const WHO_LABEL: Record<FixOwner, string> = {
  agent: 'an agent of the project',
  'project-admin': 'a project admin',
  'jira-admin': 'a Jira admin',
  'org-admin': 'an organization admin',
};

/** Who reads a page: a Jira admin (the admin page) or a project admin (a project's settings page). */
export type Reader = 'jira-admin' | 'project-admin';

/** The fix owners a reader can act as: a Jira admin also administers every project (domain.md §5). */
export function canMake(reader: Reader, who: FixOwner): boolean {
  const rank = FIX_OWNERS.indexOf(who);
  return rank <= FIX_OWNERS.indexOf(reader);
}

/**
 * The evaluator's explanations in the admin's words: no "(OPEN)" marker (the research note that
 * Atlassian documents nothing, which the sentence already says), no "the snapshot" (the app's
 * internal name for what it knows about the site).
 */
export function plain(text: string): string {
  return text
    .replace(/\s*\(OPEN\)/g, '')
    .replace(/which the snapshot does not have/g, 'which the app does not know yet')
    .replace(/not in the snapshot/g, 'not known to the app')
    .replace(/\bthe snapshot\b/g, 'what the app knows');
}

/** An address as typed, with its ASCII (IDNA) form beside it when the domain is international. */
export function addressShown(typed: string | undefined, ascii: string): string {
  const t = typed?.trim();
  if (!t || t.toLowerCase() === ascii.toLowerCase()) return ascii;
  const at = ascii.lastIndexOf('@');
  const asciiDomain = ascii.slice(at + 1);
  if (!/(^|\.)xn--/.test(asciiDomain)) return ascii;
  return `${t} (${ascii})`;
}

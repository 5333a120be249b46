/**
 * The pages' helpers around the evaluator's answers. Every word for the evaluator's values comes from
 * the one shared vocabulary (src/evaluator/vocabulary.ts), which the command line uses too; what is
 * here is only how a page lays them out. Pure.
 */
import type { CheckResult, FactSource, FixOwner, Snapshot, Verdict } from '../evaluator';
import { FIX_OWNERS } from '../evaluator/causes';
import { causeLabel as labelOf, detailText, sourceWords, valueText } from '../evaluator/vocabulary';
import type { Cause } from '../evaluator';

export {
  ENTERED_FACT_LABEL,
  LABEL_ACCOUNTS_ALLOWED,
  LABEL_ACCOUNTS_NOT_ALLOWED,
  LABEL_ANY_DOMAIN,
  LABEL_CUSTOMER_INVITED,
  LABEL_EXTERNAL,
  LABEL_EXTERNAL_DOMAINS,
  LABEL_INTERNAL,
  LABEL_OPEN,
  LABEL_RESTRICTED,
  LABEL_RESTRICTED_HELP,
  ACCOUNT_LABEL,
  CHECK_RESULT_LABEL,
  NOTIFICATION_SHORT,
  NOTIFICATION_TEXT,
  ROLE_LABEL,
  VERDICT_LABEL,
  WHO_LABEL,
  ageText as age,
  daysSince,
  possibilityText,
  sectionLabel,
} from '../evaluator/vocabulary';

export const VERDICT_APPEARANCE: Record<Verdict, 'success' | 'removed' | 'moved'> = {
  accepted: 'success',
  rejected: 'removed',
  unknown: 'moved',
};

export const CHECK_RESULT_APPEARANCE: Record<CheckResult, 'success' | 'removed' | 'moved' | 'default'> = {
  pass: 'success',
  fail: 'removed',
  unknown: 'moved',
  skipped: 'default',
};

/** A cause in words (the cause table's label); "No cause" where an answer has none. */
export function causeLabel(cause: Cause | null | undefined): string {
  return cause ? labelOf(cause) : 'No cause';
}

/** Where a fact came from and how old it is, in one line; "Not entered yet" when nothing is recorded. */
export function sourceText(source: FactSource | undefined, now: number = Date.now()): string {
  return source ? sourceWords(source, now) : 'Not entered yet';
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

/** A fact's value in words: the shared vocabulary's (settings On/Off, other truths Yes/No, Atlassian's labels). */
export function factValueText(fact: { fact: string; value?: unknown }): string {
  return valueText(fact.value, fact.fact);
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

/** Who reads a page: a Jira admin (the admin page) or a project admin (a project's settings page). */
export type Reader = 'jira-admin' | 'project-admin';

/** The fix owners a reader can act as: a Jira admin also administers every project (domain.md §5). */
export function canMake(reader: Reader, who: FixOwner): boolean {
  const rank = FIX_OWNERS.indexOf(who);
  return rank <= FIX_OWNERS.indexOf(reader);
}

/**
 * The evaluator's explanations in the admin's words: no "(OPEN)" marker (detailText, as the command
 * line shows them), and no "the snapshot" (the app's internal name for what it knows about the site;
 * the command line keeps it, since there the snapshot is the file its user gave). A text rewrite,
 * kept because a check's `detail`, an invite's `detail` and a fact's `whyUnknown` are sentences the
 * step table (rules.ts) and facts.ts write, with no structured field beside them yet for "Atlassian
 * documents nothing" or for why a fact is unknown; facts, sources, possibilities and outcomes are
 * never parsed.
 */
export function plain(text: string): string {
  return detailText(text)
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

/**
 * The one summary of a bulk check, shared by the resolver, the pages and the command line: the
 * answered lines grouped by verdict then cause, each group with its email-log line, its first fix
 * and who makes it, and its addresses; every line that is not an address, with its line number and
 * why. Pure and browser-safe.
 */
import type { Cause, EmailLogText, FixOwner } from './causes';
import type { Diagnosis, Fix, InboundAccount, Verdict } from './result';
import { WHO_CELL } from './vocabulary';

/** Lines a page sends to the resolver in one invocation (one invocation has 25 s). */
export const BULK_BATCH_LINES = 100;

/**
 * The text a page sends for one batch of addresses: a one-column list with a header row, so the
 * resolver's answer for line n is the batch's address n - 2 (line breaks inside a cell become spaces).
 */
export function batchText(inputs: string[]): string {
  return ['email', ...inputs.map((i) => i.replace(/\r\n|\r|\n/g, ' '))].join('\n');
}

/** One answered line; `line` is its line number in the list, when it came from readAddressRows. */
export type BulkLine =
  | {
      input: string;
      diagnosis: Diagnosis;
      line?: number;
      /** The answer's JSON text as UTF-8 pieces, when asked for (`bulk --json`). */
      json?: Uint8Array[];
    }
  | { input: string; error: string; line?: number };

/** Who makes a fix, in a few words (domain.md §5): the vocabulary's words, as a table cell starts them. */
export const FIX_OWNER_LABEL = WHO_CELL;

export interface BulkGroup {
  verdict: Verdict;
  /** What tells this group from the others of its verdict: the first cause, else the account (accepted) or the facts it turns on (unknown). */
  key: string;
  /** The first cause, when there is one. */
  cause: Cause | null;
  /** How an accepted email gets in. */
  account: InboundAccount | null;
  /** Unknown: the facts the outcome turns on. */
  turnsOn: string[];
  /** The exact email-log line (null when Atlassian prints none). */
  log: EmailLogText | null;
  /** The evaluator's one-line summary for the group's first address. */
  summary: string;
  /** Distinct addresses. */
  count: number;
  /** The addresses, normalised (letter case never makes two), in input order. */
  emails: string[];
  /** The first fix of the group's first address, who makes it, and that address. */
  fix: Fix | null;
  who: FixOwner | null;
  fixFor: string | null;
}

/** A line that is not an address: its line number (when known), the text, and why. */
export interface NotAnAddress {
  line?: number;
  input: string;
  error: string;
}

export interface BulkSummary {
  /** Lines answered (addresses and not). */
  total: number;
  /** Distinct addresses by verdict, and lines that are not an address. */
  counts: Record<Verdict | 'invalid', number>;
  /** Lines whose address an earlier line already had (in the same or another letter case). */
  repeated: number;
  /** Rejected, then unknown, then accepted; within a verdict the largest first. */
  groups: BulkGroup[];
  /** Every line that is not an address, in input order. */
  invalid: NotAnAddress[];
}

const VERDICT_ORDER: Record<Verdict, number> = { rejected: 0, unknown: 1, accepted: 2 };

/** A summary being built, line by line (the command line folds chunk after chunk into one). */
export class SummaryBuilder {
  private readonly seen = new Set<string>();
  private readonly index = new Map<string, BulkGroup>();
  private readonly byInbound = new Map<object, BulkGroup>();
  private readonly summary: BulkSummary = {
    total: 0,
    counts: { accepted: 0, rejected: 0, unknown: 0, invalid: 0 },
    repeated: 0,
    groups: [],
    invalid: [],
  };

  add(line: BulkLine): void {
    const s = this.summary;
    s.total++;
    if ('error' in line) {
      s.counts.invalid++;
      s.invalid.push(
        line.line === undefined
          ? { input: line.input, error: line.error }
          : { line: line.line, input: line.input, error: line.error },
      );
      return;
    }
    const { inbound } = line.diagnosis;
    // The diagnosis's address is the normalised one: BOB@Contractor.IO and bob@contractor.io are one.
    const email = line.diagnosis.email;
    if (this.seen.has(email)) {
      s.repeated++;
      return;
    }
    this.seen.add(email);
    s.counts[inbound.verdict]++;
    // The addresses of a domain share one inbound answer, and so its group.
    let group = this.byInbound.get(inbound);
    if (!group) {
      group = this.groupOf(inbound, email);
      // Only a shortcut: forgotten now and then, so that answers all their own do not pile up.
      if (this.byInbound.size >= 10_000) this.byInbound.clear();
      this.byInbound.set(inbound, group);
    }
    group.count++;
    group.emails.push(email);
  }

  private groupOf(inbound: Diagnosis['inbound'], email: string): BulkGroup {
    const cause = inbound.causes[0] ?? null;
    const key =
      cause ??
      (inbound.verdict === 'accepted'
        ? (inbound.account ?? 'accepted')
        : inbound.verdict === 'unknown'
          ? inbound.turnsOn.join(', ') || 'unknown'
          : 'rejected');
    const id = `${inbound.verdict}\u0000${key}`;
    let group = this.index.get(id);
    if (!group) {
      const fix = inbound.fixes[0] ?? null;
      group = {
        verdict: inbound.verdict,
        key,
        cause,
        account: inbound.account,
        turnsOn: inbound.turnsOn,
        log: inbound.log,
        summary: inbound.summary,
        count: 0,
        emails: [],
        fix,
        who: fix?.who ?? null,
        fixFor: fix ? email : null,
      };
      this.index.set(id, group);
      this.summary.groups.push(group);
    }
    return group;
  }

  addAll(lines: Iterable<BulkLine>): void {
    for (const line of lines) this.add(line);
  }

  /** The summary, groups in order. */
  finish(): BulkSummary {
    const order = new Map(this.summary.groups.map((g, i) => [g, i]));
    this.summary.groups.sort(
      (a, b) =>
        VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
        b.count - a.count ||
        order.get(a)! - order.get(b)!,
    );
    return this.summary;
  }
}

/** The summary of answered lines (in input order). */
export function summarize(lines: Iterable<BulkLine>): BulkSummary {
  const builder = new SummaryBuilder();
  builder.addAll(lines);
  return builder.finish();
}

/** One line of the results as CSV: a field quoted when it holds a quote, delimiter or line break. */
function csvField(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Column titles of the results CSV. */
export const RESULTS_CSV_COLUMNS = [
  'Line',
  'Input',
  'Address',
  'Verdict',
  'Cause',
  'Email log line',
  'First fix',
  'Who makes it',
  'Not an address because',
] as const;

/**
 * The answered lines as CSV, one row per input line in input order, for a spreadsheet. Words only:
 * `words` turns a verdict and cause into the labels the surface shows.
 */
export function resultsCsv(
  lines: Iterable<BulkLine>,
  words: { verdict: (v: Verdict) => string; cause: (c: Cause) => string },
): string {
  const rows = [RESULTS_CSV_COLUMNS.join(',')];
  for (const l of lines) {
    if ('error' in l) {
      rows.push([l.line, l.input, '', '', '', '', '', '', l.error].map(csvField).join(','));
      continue;
    }
    const { inbound, email } = l.diagnosis;
    const fix = inbound.fixes[0];
    const cause = inbound.causes[0];
    rows.push(
      [
        l.line,
        l.input,
        email,
        words.verdict(inbound.verdict),
        cause ? words.cause(cause) : '',
        inbound.log ?? '',
        fix?.action ?? '',
        fix ? FIX_OWNER_LABEL[fix.who] : '',
        '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

export { count } from './vocabulary';

/**
 * `access-doctor bulk`: many addresses against one snapshot. Lines are diagnosed in chunks so that
 * memory stays flat however long the input: each chunk's answers are printed (--json) or folded into
 * the summary, then dropped.
 */
import { bulkDiagnose } from '../evaluator';
import type { AddressRow, BulkLine, Cause, DiagnoseOptions, Fix, PreparedSite, Verdict } from '../evaluator';
import type { Colors } from './color';
import { write } from './io';
import { JsonWriter } from './json';
import { ACCOUNT_TEXT, causeText, verdictWord, WHO_TEXT } from './labels';

/**
 * Lines per call of the evaluator. bulkDiagnose answers an address from its domain's earlier answer
 * within one call, so a chunk should be large; it bounds the memory held at once.
 */
export const CHUNK_LINES = 100_000;
const EXAMPLES = 3;
const DOMAINS_SHOWN = 3;
const INVALID_SHOWN = 5;

export interface BulkGroup {
  verdict: Verdict;
  /** The first cause (rejected), the account (accepted) or the fact it turns on (unknown). */
  key: string;
  cause: Cause | null;
  log: string | null;
  /** The evaluator's one-line summary for the first address (says what an unknown turns on). */
  summary: string;
  count: number;
  examples: string[];
  domains: Map<string, number>;
  /** The first fix of the first address in the group, and that address. */
  topFix?: { fix: Fix; email: string };
}

export interface BulkSummary {
  lines: number;
  /** Distinct addresses by verdict (letter case never makes two), and lines that are not addresses. */
  counts: Record<Verdict | 'invalid', number>;
  /** Lines whose address an earlier line already had (in any letter case). */
  repeated: number;
  groups: BulkGroup[];
  /** The first lines that are not addresses, with why; then only the line numbers of the rest. */
  invalid: { input: string; error: string; line?: number }[];
  invalidLines: number[];
  /** The first line looked like a CSV header without an email column, so every line was read as an address. */
  csvWithoutEmailColumn?: string;
}

export function emptySummary(): BulkSummary {
  return {
    lines: 0,
    counts: { accepted: 0, rejected: 0, unknown: 0, invalid: 0 },
    repeated: 0,
    groups: [],
    invalid: [],
    invalidLines: [],
  };
}

/** Folds one answered line into the summary; `seen` holds the addresses met so far. */
export function addToSummary(
  summary: BulkSummary,
  index: Map<string, BulkGroup>,
  line: BulkLine,
  seen: Set<string> = new Set(),
): void {
  summary.lines++;
  if ('error' in line) {
    if (summary.lines === 1 && /[,;\t]/.test(line.input)) summary.csvWithoutEmailColumn = line.input;
    summary.counts.invalid++;
    if (summary.invalid.length < INVALID_SHOWN) summary.invalid.push(line);
    else if (line.line !== undefined) summary.invalidLines.push(line.line);
    return;
  }
  const { inbound, email } = line.diagnosis;
  // The diagnosis's address is the normalised one: BOB@Contractor.IO and bob@contractor.io are one.
  if (seen.has(email)) {
    summary.repeated++;
    return;
  }
  seen.add(email);
  summary.counts[inbound.verdict]++;
  const cause = inbound.causes[0] ?? null;
  const key =
    inbound.verdict === 'rejected'
      ? (cause ?? 'no cause given')
      : inbound.verdict === 'accepted'
        ? (inbound.account ?? 'accepted')
        : inbound.turnsOn.join(', ') || (cause ?? 'unknown');
  const mapKey = `${inbound.verdict}\u0000${key}`;
  let group = index.get(mapKey);
  if (!group) {
    group = {
      verdict: inbound.verdict,
      key,
      cause,
      log: inbound.log,
      summary: inbound.summary,
      count: 0,
      examples: [],
      domains: new Map(),
    };
    index.set(mapKey, group);
    summary.groups.push(group);
  }
  group.count++;
  if (group.examples.length < EXAMPLES) group.examples.push(email);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  group.domains.set(domain, (group.domains.get(domain) ?? 0) + 1);
  if (!group.topFix && inbound.fixes.length > 0) group.topFix = { fix: inbound.fixes[0], email };
}

/**
 * Diagnoses the lines in chunks; calls onChunk with each chunk's answers in input order.
 * Returns the summary by verdict and cause.
 */
export async function runBulk(
  site: PreparedSite,
  lines: (string | AddressRow)[],
  options: DiagnoseOptions,
  onChunk?: (answers: BulkLine[]) => void | Promise<void>,
): Promise<BulkSummary> {
  const summary = emptySummary();
  const index = new Map<string, BulkGroup>();
  const seen = new Set<string>();
  for (let start = 0; start < lines.length; start += CHUNK_LINES) {
    const report = bulkDiagnose(site, lines.slice(start, start + CHUNK_LINES), options);
    for (const line of report.lines) addToSummary(summary, index, line, seen);
    if (onChunk) await onChunk(report.lines);
  }
  const order: Record<Verdict, number> = { rejected: 0, unknown: 1, accepted: 2 };
  summary.groups.sort((a, b) => order[a.verdict] - order[b.verdict] || b.count - a.count);
  return summary;
}

/** One line of `bulk --json`: the object `check --json` prints, or the line and why it is not an address. */
export function jsonLine(line: BulkLine, json: JsonWriter = new JsonWriter()): string {
  return json.stringify(jsonValue(line));
}

function jsonValue(line: BulkLine): object {
  if (!('error' in line)) return line.diagnosis;
  return line.line === undefined
    ? { input: line.input, error: line.error }
    : { input: line.input, error: line.error, line: line.line };
}

const LINES_PER_WRITE = 500;

/** Writes the answers as JSON lines, a few hundred at a time, waiting when the output is slow. */
export async function writeJsonLines(
  stream: NodeJS.WritableStream,
  answers: BulkLine[],
  json: JsonWriter,
): Promise<void> {
  for (let start = 0; start < answers.length; start += LINES_PER_WRITE) {
    const end = Math.min(start + LINES_PER_WRITE, answers.length);
    for (let i = start; i < end; i++) json.line(jsonValue(answers[i]));
    await write(stream, json.take());
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function topDomains(domains: Map<string, number>): string {
  const sorted = [...domains.entries()].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, DOMAINS_SHOWN).map(([d, n]) => `${d} (${n.toLocaleString('en-US')})`);
  const rest = sorted.length - shown.length;
  return shown.join(', ') + (rest > 0 ? `, and ${plural(rest, 'other domain')}` : '');
}

export function formatSummary(summary: BulkSummary, target: string, fromFile: boolean, c: Colors): string {
  const out: string[] = [];
  out.push(`${c.bold(`Bulk check of ${plural(summary.lines, 'line')}`)} → ${target}`);
  if (!fromFile) out.push(c.dim('(the embedded sample site; give --snapshot FILE for your own)'));
  out.push('');
  const width = Math.max(...Object.values(summary.counts).map((n) => n.toLocaleString('en-US').length));
  for (const verdict of ['accepted', 'rejected', 'unknown', 'invalid'] as const) {
    const n = summary.counts[verdict].toLocaleString('en-US').padStart(width);
    const label = verdict === 'invalid' ? 'not an address' : verdict;
    out.push(`  ${n}  ${label}`);
  }
  if (summary.repeated > 0)
    out.push(
      c.dim(
        `  (${plural(summary.repeated, 'line')} repeated an address already counted, in the same or another letter case)`,
      ),
    );
  for (const group of summary.groups) {
    out.push('');
    const heading =
      group.verdict === 'accepted'
        ? (ACCOUNT_TEXT[group.key as keyof typeof ACCOUNT_TEXT] ?? group.key)
        : group.verdict === 'rejected' && group.cause
          ? `${group.cause}: ${causeText(group.cause)}`
          : '';
    out.push(
      `${verdictWord(group.verdict, c)} ${c.bold(`(${plural(group.count, 'address', 'addresses')})`)} ${heading}`.trimEnd(),
    );
    if (group.verdict === 'unknown' && group.summary) out.push(`  ${group.summary}`);
    if (group.log) out.push(`  Email log: ${c.bold(`"${group.log}"`)}`);
    const more = group.count - group.examples.length;
    out.push(
      `  For example: ${group.examples.join(', ')}${more > 0 ? ` (and ${more.toLocaleString('en-US')} more)` : ''}`,
    );
    if (group.domains.size > 1) out.push(`  Domains: ${topDomains(group.domains)}`);
    if (group.topFix) {
      const { fix, email } = group.topFix;
      const risky = fix.risky ? c.bold(c.red('RISKY ')) : '';
      const forWhom = group.count > 1 ? c.dim(` (first fix for ${email})`) : '';
      out.push(`  Fix: ${risky}${fix.action}${forWhom}`);
      for (const change of fix.changes.length > 1 ? fix.changes : [fix]) {
        out.push(`       Where: ${change.where}`);
        if (change.link) out.push(`       Link:  ${c.cyan(change.link)}`);
      }
      out.push(`       Who:   ${WHO_TEXT[fix.who]}`);
      if (fix.risky && fix.letsIn) out.push(`       ${c.red('Also lets in:')} ${fix.letsIn}`);
    }
  }
  if (summary.invalid.length > 0) {
    out.push('');
    out.push(`${verdictWord('invalid', c)} ${c.bold(`(${plural(summary.counts.invalid, 'line')})`)}`);
    for (const bad of summary.invalid)
      out.push(
        `  ${bad.line === undefined ? '' : `line ${bad.line}: `}${JSON.stringify(bad.input)}: ${bad.error}`,
      );
    const more = summary.counts.invalid - summary.invalid.length;
    if (more > 0)
      out.push(
        summary.invalidLines.length === more
          ? `  and ${plural(more, 'more line')}: ${summary.invalidLines.map((n) => n.toLocaleString('en-US')).join(', ')}`
          : `  … and ${more.toLocaleString('en-US')} more`,
      );
  }
  if (summary.csvWithoutEmailColumn !== undefined) {
    out.push('');
    out.push(
      c.yellow(
        `The first line looks like a CSV header without an email column (${JSON.stringify(summary.csvWithoutEmailColumn)}), ` +
          'so every line was read as one address. Name the column "email" (or "e-mail", "email address", "sender", "from").',
      ),
    );
  }
  out.push('');
  out.push(c.dim('For one address in full: access-doctor check EMAIL; for every line as JSON: --json'));
  return out.join('\n') + '\n';
}

/**
 * `access-doctor bulk`: many addresses against one snapshot. Lines are diagnosed in chunks so that
 * memory stays flat however long the input: each chunk's answers are printed (--json) or folded into
 * the summary, then dropped.
 */
import { changesOf, diagnoseLines, SummaryBuilder } from '../evaluator';
import type { AddressRow, BulkLine, BulkSummary, DiagnoseOptions, PreparedSite } from '../evaluator';
import type { Colors } from './color';
import { write } from './io';
import {
  bulkGroupText,
  fixForText,
  NOT_AN_ADDRESS,
  notAnAddressText,
  plural,
  repeatedText,
} from '../evaluator/vocabulary';
import { causeText, VERDICT_LABEL, verdictWord, WHO_TEXT } from './labels';

/**
 * Lines per call of the evaluator. diagnoseLines answers an address from its domain's earlier answer
 * within one call, so a chunk should be large; it bounds the memory held at once.
 */
export const CHUNK_LINES = 100_000;
const EXAMPLES = 3;
const DOMAINS_SHOWN = 3;

/** The evaluator's summary (summary.ts, as the pages and the resolver build it), and what the command adds. */
export interface CliSummary extends BulkSummary {
  /** The first line looked like a CSV header without an email column, so every line was read as an address. */
  csvWithoutEmailColumn?: string;
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
): Promise<CliSummary> {
  const builder = new SummaryBuilder();
  let first: BulkLine | undefined;
  for (let start = 0; start < lines.length; start += CHUNK_LINES) {
    // A chunk's answers are printed as JSON lines (onChunk) or only counted.
    const answers = diagnoseLines(
      site,
      lines.slice(start, start + CHUNK_LINES),
      options,
      onChunk !== undefined,
    );
    first ??= answers[0];
    builder.addAll(answers);
    if (onChunk) await onChunk(answers);
  }
  const summary: CliSummary = builder.finish();
  if (first && 'error' in first && /[,;\t]/.test(first.input)) summary.csvWithoutEmailColumn = first.input;
  return summary;
}

/** One line of `bulk --json` as UTF-8 pieces: the object `check --json` prints, or the line and why it is not an address. */
export function jsonLine(line: BulkLine): Uint8Array[] {
  if (!('error' in line)) return line.json ?? [Buffer.from(JSON.stringify(line.diagnosis))];
  return [
    Buffer.from(
      JSON.stringify(
        line.line === undefined
          ? { input: line.input, error: line.error }
          : { input: line.input, error: line.error, line: line.line },
      ),
    ),
  ];
}

const LINES_PER_WRITE = 500;
const NEWLINE = Buffer.from('\n');

/** Writes the answers as JSON lines, a few hundred at a time, waiting when the output is slow. */
export async function writeJsonLines(stream: NodeJS.WritableStream, answers: BulkLine[]): Promise<void> {
  for (let start = 0; start < answers.length; start += LINES_PER_WRITE) {
    const end = Math.min(start + LINES_PER_WRITE, answers.length);
    const pieces: Uint8Array[] = [];
    for (let i = start; i < end; i++) pieces.push(...jsonLine(answers[i]), NEWLINE);
    await write(stream, Buffer.concat(pieces));
  }
}

function topDomains(emails: string[]): { text: string; count: number } {
  const domains = new Map<string, number>();
  for (const e of emails) {
    const d = e.slice(e.lastIndexOf('@') + 1);
    domains.set(d, (domains.get(d) ?? 0) + 1);
  }
  const sorted = [...domains.entries()].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, DOMAINS_SHOWN).map(([d, n]) => `${d} (${n.toLocaleString('en-US')})`);
  const rest = sorted.length - shown.length;
  return {
    text: shown.join(', ') + (rest > 0 ? `, and ${plural(rest, 'other domain')}` : ''),
    count: domains.size,
  };
}

/** An input line with its control characters shown as U+FFFD, so that it cannot steer the terminal. */
function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += (code < 0x20 && ch !== '\t') || (code >= 0x7f && code <= 0x9f) ? '\ufffd' : ch;
  }
  return out;
}

/**
 * The summary in the words of the pages' Check many (the one vocabulary): each group's verdict,
 * what it is about, its email-log line, its first fix and who makes it; then the lines that are not
 * an address.
 */
export function formatSummary(summary: CliSummary, target: string, fromFile: boolean, c: Colors): string {
  const out: string[] = [];
  out.push(`${c.bold(`Bulk check of ${plural(summary.total, 'line')}`)} → ${target}`);
  if (!fromFile) out.push(c.dim('(the embedded sample site; give --snapshot FILE for your own)'));
  out.push('');
  const width = Math.max(...Object.values(summary.counts).map((n) => n.toLocaleString('en-US').length));
  for (const verdict of ['rejected', 'unknown', 'accepted', 'invalid'] as const) {
    const n = summary.counts[verdict].toLocaleString('en-US').padStart(width);
    const label = verdict === 'invalid' ? NOT_AN_ADDRESS : VERDICT_LABEL[verdict];
    out.push(`  ${n}  ${label}`);
  }
  if (summary.repeated > 0) out.push(c.dim(`  ${repeatedText(summary.repeated)}`));
  for (const group of summary.groups) {
    out.push('');
    // A cause by its code and its words (as `check` names it); an unknown group's words on their own line.
    const about = bulkGroupText(group);
    const heading =
      group.cause !== null
        ? `${group.cause}: ${causeText(group.cause)}`
        : group.verdict === 'accepted'
          ? about
          : '';
    out.push(
      `${verdictWord(group.verdict, c)} ${c.bold(`(${plural(group.count, 'address', 'addresses')})`)} ${heading}`.trimEnd(),
    );
    if (group.verdict === 'unknown' && about) out.push(`  ${about}`);
    if (group.log) out.push(`  Email log line: ${c.bold(`"${group.log}"`)}`);
    const more = group.count - EXAMPLES;
    out.push(
      `  For example: ${group.emails.slice(0, EXAMPLES).join(', ')}${more > 0 ? ` (and ${more.toLocaleString('en-US')} more)` : ''}`,
    );
    const domains = topDomains(group.emails);
    if (domains.count > 1) out.push(`  Domains: ${domains.text}`);
    if (group.fix) {
      const fix = group.fix;
      const risky = fix.risky ? c.bold(c.red('RISKY ')) : '';
      const forWhom = fixForText(group) ? c.dim(` (${fixForText(group)})`) : '';
      out.push(`  First fix: ${risky}${fix.action}${forWhom}`);
      for (const change of changesOf(fix)) {
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
      out.push(`  ${notAnAddressText({ ...bad, input: printable(bad.input) })}`);
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

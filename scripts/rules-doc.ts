/**
 * `npm run rules:doc`: writes the steps of docs/rules.md from the step tables (src/evaluator/rules.ts),
 * the cause table (causes.ts), the sources (sources.ts) and the vocabulary (vocabulary.ts, and the
 * facts' labels as readFacts gives them). Only the parts between the marker comments are written;
 * the prose around them is the rule book's own. test/evaluator/rules-doc.test.ts fails when the file
 * differs from what this script writes.
 *
 * Markdown is written as Prettier would format it, so that the file stays as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAUSES, type Cause, type CauseEntry } from '../src/evaluator/causes';
import { prepareSite, readFacts, type FactKey } from '../src/evaluator/facts';
import { parseAddress } from '../src/evaluator/address';
import { INBOUND_STEPS, INVITE_STEPS, type TableStep } from '../src/evaluator/rules';
import type { SourceTag } from '../src/evaluator/sources';
import { FIX_TEXT, WHO_TEXT } from '../src/evaluator/vocabulary';
import type { FixId } from '../src/evaluator/fixes';

export const RULES_DOC = join(__dirname, '../docs/rules.md');
export const COMMAND = 'npm run rules:doc';

/** The step tables the rule book shows, each between its own pair of markers. */
const TABLES = { INBOUND_STEPS, INVITE_STEPS } as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export const begin = (table: TableName) => `<!-- generated from the step table ${table}: ${COMMAND} -->`;
export const END = '<!-- end generated -->';

/** Each fact's label, as a diagnosis names it (the labels do not depend on the site or address). */
const FACT_LABEL: Record<FactKey, string> = (() => {
  const facts = readFacts(
    prepareSite({ format: 'customer-access-doctor/snapshot', version: 1 }),
    parseAddress('someone@example.com'),
    null,
  );
  return Object.fromEntries(Object.entries(facts).map(([key, fact]) => [key, fact.label])) as Record<
    FactKey,
    string
  >;
})();

/** The sources, by the tags the Sources table of docs/rules.md lists. */
const cite = (tags: readonly SourceTag[]) => tags.map((tag) => `[${tag}]`).join(' ');

/** A sentence from a phrase: its first letter capitalised, a full stop at the end. */
const sentence = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');

/** What the email log shows for a cause: Atlassian's text as a quote, else what it does show. */
export function logLine(entry: CauseEntry): string {
  if (entry.log) return `The email log shows: "${entry.log}"`;
  const instead = entry.logInstead;
  if (!instead) throw new Error('a cause without email-log text must say what the log shows instead');
  if ('happens' in instead)
    return `The email log shows no documented text; ${instead.happens.replace(/\.$/, '')}.`;
  return instead.filter
    ? `The email log shows the message with the status "${instead.status}" and the reason "${instead.filter}".`
    : `The email log shows the message with the status "${instead.status}"; Atlassian documents no text for it.`;
}

/** `same`: the cause before it in the step, when it names the same fix candidates. */
function causeItem(cause: Cause, fixes: readonly FixId[], same?: Cause): string[] {
  const entry = CAUSES[cause];
  const lines = [
    `- Cause \`${cause}\`: ${sentence(entry.label)} ${cite(entry.sources)}`,
    `  - ${logLine(entry)}`,
    `  - Who can fix it: ${entry.owner ? WHO_TEXT[entry.owner] : 'nobody; nothing should change'}.`,
  ];
  if (same) {
    lines.push(`  - Fix candidates: those of \`${same}\`.`);
  } else if (fixes.length) {
    lines.push('  - Fix candidates:');
    for (const id of fixes) lines.push(`    - ${sentence(FIX_TEXT[id])}`);
  } else if (entry.advice) {
    lines.push(`  - What to do: ${entry.advice}`);
  }
  return lines;
}

function stepSection(step: TableStep<never>, n: number): string[] {
  const reads = step.reads.length
    ? `Reads: ${step.reads.map((key) => FACT_LABEL[key].replace(/^The /, 'the ')).join(', ')}.`
    : 'Reads no fact: it decides from what the steps before it found.';
  const applies = step.when ? `Applies when ${step.when}.` : 'Applies always.';
  const out = [
    `### Step ${n}: ${step.title}`,
    '',
    `${sentence(step.decides)} ${cite(step.sources)}`,
    '',
    `Check \`${step.id}\`. ${applies} ${reads}`,
  ];
  const causes = Object.entries(step.causes) as [Cause, readonly FixId[]][];
  if (causes.length) {
    out.push('');
    causes.forEach(([cause, fixes], i) => {
      const before = causes[i - 1];
      const same = before && before[1].join() === fixes.join() && fixes.length > 0 ? before[0] : undefined;
      out.push(...causeItem(cause, fixes, same));
    });
  }
  return out;
}

/** The generated part of one table: its steps, in the table's order. */
export function renderTable(table: TableName): string {
  const steps = TABLES[table] as readonly TableStep<never>[];
  return steps.map((step, i) => stepSection(step, i + 1).join('\n')).join('\n\n');
}

/** The rule book with every generated part rewritten; the prose around them is kept as it is. */
export function rewrite(doc: string): string {
  let out = doc;
  for (const table of TABLE_NAMES) {
    const start = out.indexOf(begin(table));
    const end = start < 0 ? -1 : out.indexOf(END, start);
    if (start < 0 || end < 0)
      throw new Error(`docs/rules.md has no "${begin(table)}" … "${END}" markers for the ${table} steps`);
    out = `${out.slice(0, start)}${begin(table)}\n\n${renderTable(table)}\n\n${out.slice(end)}`;
  }
  return out;
}

if (require.main === module) {
  const doc = readFileSync(RULES_DOC, 'utf8');
  const written = rewrite(doc);
  if (written === doc) console.log('docs/rules.md: the steps are up to date.');
  else {
    writeFileSync(RULES_DOC, written);
    console.log('docs/rules.md: the steps were rewritten from the step tables.');
  }
}

/**
 * docs/rules.md is the rule book in this repository. Its steps are written from the step tables and
 * the cause table by `npm run rules:doc` (scripts/rules-doc.ts), so the two cannot drift: the doc must
 * be exactly what the script writes, every source it cites must be listed under Sources with the
 * address the tables use, and the words it is written from must say what the evaluator does.
 */
import { readFileSync } from 'node:fs';
import { CAUSES, CAUSE_ORDER, LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION } from '../../src/evaluator/causes';
import {
  INVITE_COULD_NOT_ADD,
  INVITE_INACTIVE,
  INVITE_NONE_ADDED,
  INVITE_NO_PERMISSION,
} from '../../src/evaluator/result';
import { INBOUND_STEPS, STEPS } from '../../src/evaluator/rules';
import { SOURCE, type SourceTag } from '../../src/evaluator/sources';
import { WHO_TEXT } from '../../src/evaluator/vocabulary';
import { begin, END, logLine, RULES_DOC, rewrite, TABLE_NAMES } from '../../scripts/rules-doc';

const doc = readFileSync(RULES_DOC, 'utf8');

/** The generated part of one step table, as the file holds it. */
function part(table: (typeof TABLE_NAMES)[number]): string {
  const start = doc.indexOf(begin(table));
  return doc.slice(start, doc.indexOf(END, start));
}

/** Each cause's entry in the generated inbound steps: its bullet and the lines under it. */
function causeEntries(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const chunk of part('INBOUND_STEPS')
    .split(/^(?=- Cause `)/m)
    .slice(1)) {
    const cause = /^- Cause `([a-z-]+)`/.exec(chunk)![1];
    entries.set(cause, chunk.split(/\n\n/)[0]);
  }
  return entries;
}

/** The Sources table: tag → address. */
function sourcesTable(): Map<string, string> {
  const section = doc.slice(doc.indexOf('## Sources'));
  return new Map([...section.matchAll(/^\| ([A-Z][A-Z0-9-]+) \| (https:\S+)/gm)].map((m) => [m[1], m[2]]));
}

describe('docs/rules.md', () => {
  it('holds the steps exactly as `npm run rules:doc` writes them from the step tables', () => {
    const written = rewrite(doc);
    if (written === doc) return;
    const ours = doc.split('\n');
    const theirs = written.split('\n');
    const line = ours.findIndex((l, i) => l !== theirs[i]);
    throw new Error(
      `docs/rules.md differs from the step tables at line ${line + 1}:\n  the file:   ${ours[line]}\n  the tables: ${theirs[line]}\nRun npm run rules:doc (and edit src/evaluator/rules.ts, causes.ts or vocabulary.ts, not the generated part).`,
    );
  });

  it('lists every cause the evaluator reports, in the order Jira meets them', () => {
    expect([...causeEntries().keys()]).toEqual(CAUSE_ORDER);
  });

  it.each(CAUSE_ORDER)('quotes the email-log line the evaluator gives %s, and no other', (cause) => {
    const entry = causeEntries().get(cause)!;
    for (const log of [LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION])
      expect(entry.includes(`"${log}"`)).toBe(log === CAUSES[cause].log);
  });

  it.each(CAUSE_ORDER)('names who can fix %s as the evaluator does', (cause) => {
    const owner = CAUSES[cause].owner;
    expect(causeEntries().get(cause)).toContain(
      `Who can fix it: ${owner ? WHO_TEXT[owner] : 'nobody; nothing should change'}.`,
    );
  });

  it('cites for every step and cause a source listed under Sources with the address the tables use', () => {
    const listed = sourcesTable();
    const cited: [string, readonly SourceTag[]][] = [
      ...STEPS.map((s): [string, readonly SourceTag[]] => [`step ${s.id}`, s.sources]),
      ...CAUSE_ORDER.map((c): [string, readonly SourceTag[]] => [`cause ${c}`, CAUSES[c].sources]),
    ];
    for (const [what, tags] of cited) {
      expect({ what, cites: tags.length > 0 }).toEqual({ what, cites: true });
      for (const tag of tags)
        expect({ what, tag, url: listed.get(tag) }).toEqual({ what, tag, url: SOURCE[tag] });
    }
  });

  it('lists under Sources every tag the rule book cites', () => {
    const listed = sourcesTable();
    const cited = new Set([...doc.matchAll(/\[([A-Z][A-Z0-9-]+)\]/g)].map((m) => m[1]));
    expect([...cited].filter((tag) => !listed.has(tag))).toEqual([]);
  });

  it('quotes the invite errors the evaluator gives, exactly', () => {
    const invite = doc.slice(doc.indexOf('## 3.'), doc.indexOf('## 4.')).replace(/\s+/g, ' ');
    for (const text of [
      INVITE_INACTIVE,
      INVITE_NONE_ADDED,
      INVITE_NO_PERMISSION,
      INVITE_COULD_NOT_ADD('<address>'),
    ])
      expect(invite).toContain(`"${text}"`);
  });
});

describe('the words the rule book is written from', () => {
  it.each(CAUSE_ORDER)(
    'say what the email log shows for %s: Atlassian’s text, or else what it shows, not styled as a quote',
    (cause) => {
      const entry = CAUSES[cause];
      // Atlassian's text, or what the log shows instead: never both, never neither.
      expect(entry.log === null).toBe(entry.logInstead !== undefined);
      if (entry.logInstead && 'happens' in entry.logInstead)
        expect(entry.logInstead.happens).not.toMatch(/"/);
      const line = logLine(entry);
      if (entry.log) expect(line).toContain(`"${entry.log}"`);
      else expect(line).not.toMatch(/shows: "/);
    },
  );

  it.each(STEPS.map((s) => [s.id, s] as const))(
    'say when step %s applies exactly when it has a condition',
    (_id, s) => {
      expect(s.when !== undefined).toBe(s.applies !== undefined);
      expect(s.decides.trim().length).toBeGreaterThan(20);
    },
  );

  it('number the inbound steps as the step table orders them', () => {
    const titles = [...part('INBOUND_STEPS').matchAll(/^### Step (\d+): (.*)$/gm)].map((m) => [+m[1], m[2]]);
    expect(titles).toEqual(INBOUND_STEPS.map((s, i) => [i + 1, s.title]));
  });
});

/**
 * docs/rules.md is the rule book in this repository: its table of causes must say what the evaluator
 * does — the same causes in the same order, the same email-log line (or none) and owner for each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAUSES, CAUSE_ORDER, LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION } from '../../src/evaluator/causes';

const doc = readFileSync(join(__dirname, '../../docs/rules.md'), 'utf8');

/** The rows of the table under "## 2.": cause → its cells. */
function causeRows(): Map<string, string[]> {
  const section = doc.slice(doc.indexOf('## 2.'), doc.indexOf('## 3.'));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const cause = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (cause) rows.set(cause, cells.slice(2, -1));
  }
  return rows;
}

describe('docs/rules.md', () => {
  const rows = causeRows();

  it('lists every cause the evaluator reports, in the order Jira meets them', () => {
    expect([...rows.keys()]).toEqual(CAUSE_ORDER);
  });

  it.each(CAUSE_ORDER)('gives %s the email-log line the evaluator gives', (cause) => {
    const logCell = rows.get(cause)![1];
    const expected = CAUSES[cause].log;
    for (const log of [LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION]) {
      expect(logCell.includes(`"${log}"`)).toBe(log === expected);
    }
  });

  it.each(CAUSE_ORDER)('names who can fix %s as the evaluator does', (cause) => {
    const owner = CAUSES[cause].owner;
    const ownerCell = rows.get(cause)![2];
    expect(ownerCell).toBe(owner ? owner.replace('-', ' ') : 'nobody: working as intended');
  });

  it('names a source for every cause, each one listed under Sources', () => {
    const tags = new Set([...doc.matchAll(/^\| ([A-Z][A-Z-]+) \| https:/gm)].map((m) => m[1]));
    for (const [cause, cells] of rows) {
      const cited = cells[3].split(',').map((t) => t.trim());
      expect({ cause, missing: cited.filter((t) => !tags.has(t)) }).toEqual({ cause, missing: [] });
    }
  });
});

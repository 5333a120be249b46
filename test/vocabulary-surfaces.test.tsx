/**
 * One answer, two surfaces, the same words: the diagnosis view (the pages, rendered through the real
 * @forge/react reconciler) and the human output of `access-doctor check` word the verdict, the causes,
 * the email log line, the invite's notification, the facts, roles and possibilities of the same answer
 * alike, each from the one vocabulary (src/evaluator/vocabulary.ts, src/evaluator/causes.ts). So do
 * the decision matrix and `access-doctor matrix`, Check many and `access-doctor bulk`, the admin
 * page's Audit and `access-doctor audit`.
 */
import { button, hasButton, render, table, textOf, user } from './frontend/harness';
import React from 'react';
import { DiagnosisView, MatrixTable } from '../src/frontend/diagnosis-view';
import { BulkSummaryView } from '../src/frontend/bulk-panel';
import { AuditPanel } from '../src/frontend/audit-panel';
import { formatMatrix } from '../src/cli/format-matrix';
import { formatSummary } from '../src/cli/bulk';
import { formatAudit } from '../src/cli/format-audit';
import { formatCheck } from '../src/cli/format-check';
import { makeColors } from '../src/cli/color';
import {
  auditSnapshot,
  CAUSES,
  changesOf,
  decisionMatrix,
  diagnose,
  diagnoseLines,
  notAudited,
  readAddressRows,
  summarize,
  type BulkSummary,
  LOG_NO_PERMISSION,
  LOG_NOT_ALLOWED_DOMAIN,
  prepareSite,
  sampleSnapshot,
  type Diagnosis,
  type Snapshot,
} from '../src/evaluator';
import {
  acceptedText,
  ACCOUNT_LABEL,
  AUDIT_NONE,
  AUDIT_PART_LABEL,
  AUDIT_SEVERITY_LABEL,
  auditCountText,
  bulkGroupText,
  count,
  fixForText,
  NOT_AN_ADDRESS,
  notAnAddressText,
  repeatedText,
  causeLabel,
  CHECK_RESULT_LABEL,
  conditionText,
  FILTERED_AS,
  filteredLogText,
  LABEL_ACCOUNTS_ALLOWED,
  LABEL_ACCOUNTS_NOT_ALLOWED,
  NOTIFICATION_SHORT,
  NOTIFICATION_TEXT,
  outcomeText,
  ROLE_LABEL,
  sourceWords,
  valueText,
  VERDICT_LABEL,
  WHO_LABEL,
} from '../src/evaluator/vocabulary';

/** Every one of `words` on the page and on the command line (the failure names the surface and the words). */
function expectOnBoth(page: string, cli: string, words: Iterable<string>): void {
  for (const w of words)
    for (const [surface, text] of [
      ['page', page],
      ['command line', cli],
    ] as const)
      expect({ surface, words: w, found: text.includes(w) }).toEqual({ surface, words: w, found: true });
}

const NOW = Date.parse('2026-11-21T12:00:00Z');

/** Whitespace collapsed: the page breaks lines between blocks, the command line indents. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The page's text for an answer, with every collapsed part (other fixes, Why, the invite's checks) opened. */
async function pageText(diagnosis: Diagnosis, snapshot: Snapshot): Promise<string> {
  await render(
    <DiagnosisView diagnosis={diagnosis} matrix={null} snapshot={snapshot} now={NOW} reader="jira-admin" />,
  );
  for (const label of [
    /^Show \d+ other fix/,
    /^Show the \d+ checks Jira makes$/,
    /^Show the invite's \d+ checks$/,
  ]) {
    if (hasButton(label)) await user.click(button(label));
  }
  return flat(textOf());
}

function cliText(diagnosis: Diagnosis, snapshot: Snapshot): string {
  return flat(formatCheck(diagnosis, snapshot, true, makeColors(false)));
}

/**
 * Every phrase of the vocabulary a surface could use for a cause, a role, a notification, an account,
 * who makes a fix, a source, a setting's value, a log line or a filter: a surface that words one of
 * them its own way shows a phrase the other does not.
 */
const PHRASES: string[] = [
  ...Object.values(CAUSES).map((c) => c.label),
  ...Object.values(NOTIFICATION_TEXT),
  ...Object.values(NOTIFICATION_SHORT).filter((s) => s.includes(' ')),
  ...Object.values(ACCOUNT_LABEL),
  ...Object.values(WHO_LABEL),
  ...Object.values(FILTERED_AS).map((s) => `"${s}"`),
  LOG_NOT_ALLOWED_DOMAIN,
  LOG_NO_PERMISSION,
  LABEL_ACCOUNTS_ALLOWED,
  LABEL_ACCOUNTS_NOT_ALLOWED,
  sourceWords({ kind: 'sample' }),
  sourceWords({ kind: 'live' }),
  sourceWords({ kind: 'entered' }),
];

/** What a surface must say for an answer, each in the vocabulary's words. */
function expectedWords(d: Diagnosis): string[] {
  const { inbound, invite } = d;
  const words = [...inbound.causes.map(causeLabel), NOTIFICATION_TEXT[invite.notification]];
  if (inbound.log) words.push(`"${inbound.log}"`);
  if (invite.error) words.push(`"${invite.error}"`);
  if (!inbound.log && inbound.verdict === 'rejected' && FILTERED_AS[inbound.causes[0]])
    words.push(filteredLogText(inbound.causes[0]));
  // Each fix: what to change (each change of a fix of several) and who can make it.
  for (const fix of inbound.fixes) {
    words.push(WHO_LABEL[fix.who]);
    const changes = changesOf(fix);
    if (changes.length > 1) for (const change of changes) words.push(change.action, WHO_LABEL[change.who]);
    else words.push(fix.action);
  }
  // Every check the command line lists (all inbound checks; the invite's that do not pass), with its
  // result, and each of its facts as label: value.
  const invited = invite.checks.filter((c) => c.result !== 'pass' && c.result !== 'skipped');
  for (const check of [...inbound.checks, ...invited]) {
    words.push(`${CHECK_RESULT_LABEL[check.result]} ${check.title}`);
    const label = new Map(check.facts.map((f) => [f.fact, f.label]));
    for (const f of check.facts) words.push(`${f.label}: ${valueText(f.value, f.fact)}`);
    for (const p of check.possibilities ?? [])
      words.push(`${conditionText(p.when, label.get(p.when.fact) ?? p.when.fact)}: ${outcomeText(p.then)}`);
  }
  return words;
}

async function compare(d: Diagnosis, snapshot: Snapshot): Promise<{ page: string; cli: string }> {
  const page = await pageText(d, snapshot);
  const cli = cliText(d, snapshot);
  // The verdict: the same word (the command line prints it in capitals, for emphasis).
  expect(page).toContain(VERDICT_LABEL[d.inbound.verdict]);
  expect(cli).toContain(`An email from this address: ${VERDICT_LABEL[d.inbound.verdict].toUpperCase()}`);
  expectOnBoth(page, cli, expectedWords(d));
  // No vocabulary phrase on one surface only.
  const onPage = PHRASES.filter((p) => page.includes(p));
  const onCli = PHRASES.filter((p) => cli.includes(p));
  expect(onPage).toEqual(onCli);
  return { page, cli };
}

const site = prepareSite(sampleSnapshot);

test('a rejection with a cause: the same log line, cause, roles, facts, fixes and invite on both', async () => {
  const d = diagnose(site, 'bob@contractor.io', { project: 'HELP' });
  expect(d.inbound.verdict).toBe('rejected');
  expect(d.inbound.causes[0]).toBe('external-domain-not-listed');
  expect(d.inbound.log).toBe(LOG_NOT_ALLOWED_DOMAIN);
  const { page, cli } = await compare(d, sampleSnapshot);
  // The role None is "No access" on both, as admin.atlassian.com's role picker says it.
  for (const text of [page, cli]) {
    expect(text).toContain(`Approved domains (Jira Service Management role): ${ROLE_LABEL.none}`);
    expect(text).not.toMatch(/role\)?: None\b/);
  }
});

test('two causes, and the invite that fails with the Customers page text', async () => {
  const d = diagnose(site, 'sam@acme.com', { project: 'VIP' });
  expect(d.inbound.verdict).toBe('rejected');
  expect(d.inbound.causes).toEqual(['sender-suspended', 'project-restricted']);
  expect(d.invite.notification).toBe('no-notification-error');
  expect(d.invite.error).not.toBeNull();
  await compare(d, sampleSnapshot);
});

test('an unknown verdict: each possibility of the missing fact in the same words, sources alike', async () => {
  const snapshot: Snapshot = {
    format: 'customer-access-doctor/snapshot',
    version: 1,
    site: { url: 'https://acme-support.atlassian.net' },
    customerAccess: { internal: false, accountCreation: 'allowed' },
    approvedDomains: { domains: {}, anyDomain: 'none' },
    projects: { HELP: { name: 'IT Help desk', access: 'open', portalAccessGrants: true } },
    accounts: {},
    sources: {
      customerAccess: { kind: 'entered', by: 'Ana', at: '2026-11-20T12:00:00Z' },
      approvedDomains: { kind: 'live', at: '2026-11-21T11:00:00Z' },
      projects: { kind: 'live', at: '2026-11-21T11:00:00Z' },
      accounts: { kind: 'live', at: '2026-11-21T11:00:00Z' },
    },
  };
  const d = diagnose(prepareSite(snapshot), 'kim@newco.example', { project: 'HELP' });
  expect(d.inbound.verdict).toBe('unknown');
  const possibilities = d.inbound.checks.flatMap((c) => c.possibilities ?? []);
  expect(possibilities.length).toBeGreaterThanOrEqual(2);
  // The JSON's possibility outcomes (`check --json`) are the words the surfaces show, too.
  const invitePossibilities = d.invite.checks.flatMap((c) => c.possibilities ?? []);
  for (const p of [...possibilities, ...invitePossibilities]) expect(p.outcome).toBe(outcomeText(p.then));
  const { page, cli } = await compare(d, snapshot);
  for (const text of [page, cli]) {
    expect(text).toContain('Entered by an admin (Ana)');
    expect(text).toContain('Read live from Atlassian');
    expect(text).toContain(`Portal access: ${LABEL_ACCOUNTS_ALLOWED}`);
  }
});

test("the invite: an accepted address gets the same notification, in Atlassian's name, on both", async () => {
  const d = diagnose(site, 'kim@newco.example', { project: 'HELP' });
  expect(d.inbound.verdict).toBe('accepted');
  expect(d.invite.notification).toBe('atlassian-account-invitation');
  const { page, cli } = await compare(d, sampleSnapshot);
  for (const text of [page, cli]) {
    expect(text).toContain('Atlassian Account Invitation');
    expect(text).toContain(acceptedText('atlassian-account'));
  }
});

test("a filtered auto-reply: the email log status and Atlassian's filter name alike", async () => {
  const d = diagnose(site, 'jane@acme.com', {
    project: 'HELP',
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  expect(d.inbound.causes[0]).toBe('auto-reply');
  const { page, cli } = await compare(d, sampleSnapshot);
  for (const text of [page, cli]) expect(text).toContain('"Auto-reply mail"');
});

test('the decision matrix: every row in the same words on the page and in `access-doctor matrix`', async () => {
  const matrix = decisionMatrix(site, 'bob@contractor.io', { project: 'HELP' });
  await render(<MatrixTable matrix={matrix} />);
  await user.click(button(/^Show all \d+ combinations$/));
  const page = table(/^What if the settings were different/).rows.map((r) => r.slice(1).join(' | '));
  const text = formatMatrix(matrix, 'HELP', true, makeColors(false));
  // The command line names a cause by its code in the table and words it below, from the cause table.
  const legend = new Map(
    text
      .split('\n')
      .filter((l) => l.startsWith('· '))
      .map((l) => {
        const [code, ...label] = l.slice(2).split(': ');
        return [code, label.join(': ')];
      }),
  );
  for (const [code, label] of legend) expect(label).toBe(causeLabel(code as keyof typeof CAUSES));
  const cli = text
    .split('\n')
    .filter((l) => l.includes('│'))
    .slice(1)
    .map((l) =>
      l
        .split('│')
        .slice(1)
        .map((cell) =>
          cell.trim().replace(/^(\w+): ([a-z-]+)$/, (w, v: string, code: string) => {
            const label = legend.get(code);
            return label ? `${v}: ${label}` : w;
          }),
        )
        .join(' | '),
    );
  expect(page).toHaveLength(matrix.rows.length);
  expect([...page].sort()).toEqual([...cli].sort());
});

// --- Check many and `access-doctor bulk` ------------------------------------------------------------

/** Every phrase of the vocabulary a bulk summary could use for a group, an account or who makes a fix. */
const BULK_PHRASES: string[] = [
  ...Object.values(CAUSES).map((c) => c.label),
  ...Object.values(ACCOUNT_LABEL),
  ...Object.values(WHO_LABEL),
  LOG_NOT_ALLOWED_DOMAIN,
  LOG_NO_PERMISSION,
  NOT_AN_ADDRESS,
  'Gets in with',
  'Gets through',
  'written for',
  'repeated an address already counted',
].map((p) => p.toLowerCase());

/**
 * One list, summarised once, shown on the page's Check many and by `access-doctor bulk`: the same
 * counts, the same groups in the same order, each with the same words for what it is about, its log
 * line, its first fix and who makes it; the same lines that are not an address.
 */
async function compareBulk(summary: BulkSummary, lines: ReturnType<typeof diagnoseLines>) {
  await render(<BulkSummaryView summary={summary} lines={lines} />);
  const page = flat(textOf());
  const rows = table('Senders by verdict and cause').rows;
  const raw = formatSummary(summary, 'HELP', true, makeColors(false));
  const cli = flat(raw);
  // The counts: "Rejected: 3" on the page, "3  Rejected" on the command line.
  for (const v of ['rejected', 'unknown', 'accepted'] as const) {
    expect(page).toContain(`${VERDICT_LABEL[v]}: ${count(summary.counts[v])}`);
    expect(raw).toMatch(new RegExp(`^\\s+${count(summary.counts[v])}\\s+${VERDICT_LABEL[v]}$`, 'm'));
  }
  expect(page).toContain(`${NOT_AN_ADDRESS}: ${count(summary.counts.invalid)}`);
  expect(raw).toMatch(new RegExp(`^\\s+${count(summary.counts.invalid)}\\s+${NOT_AN_ADDRESS}$`, 'm'));
  // The groups, in the same order: the page's table rows, the command line's blocks.
  const blocks = raw
    .split('\n\n')
    .filter((b) => /^(REJECTED|UNKNOWN|ACCEPTED) \(/.test(b))
    .map(flat);
  expect(rows).toHaveLength(summary.groups.length);
  expect(blocks).toHaveLength(summary.groups.length);
  summary.groups.forEach((g, i) => {
    const words = [bulkGroupText(g)];
    if (g.log) words.push(g.log);
    if (g.fix) words.push(g.fix.action);
    if (fixForText(g)) words.push(fixForText(g));
    if (g.fix?.risky) words.push(g.fix.letsIn);
    expect(rows[i].slice(0, 2)).toEqual([VERDICT_LABEL[g.verdict], bulkGroupText(g)]);
    expect(blocks[i].startsWith(`${VERDICT_LABEL[g.verdict].toUpperCase()} (`)).toBe(true);
    const row = flat(rows[i].join(' | '));
    for (const w of words) {
      expect({ surface: 'page', group: i, w, found: row.includes(w) }).toEqual({
        surface: 'page',
        group: i,
        w,
        found: true,
      });
      expect({ surface: 'command line', group: i, w, found: blocks[i].includes(w) }).toEqual({
        surface: 'command line',
        group: i,
        w,
        found: true,
      });
    }
    // Who makes the first fix: the same words (a table cell starts them with a capital).
    if (g.who) {
      expect(row.toLowerCase()).toContain(WHO_LABEL[g.who].toLowerCase());
      expect(blocks[i].toLowerCase()).toContain(WHO_LABEL[g.who].toLowerCase());
    }
  });
  for (const bad of summary.invalid) {
    expect(page).toContain(notAnAddressText(bad));
    expect(cli).toContain(notAnAddressText(bad));
  }
  if (summary.repeated) {
    expect(page).toContain(repeatedText(summary.repeated));
    expect(cli).toContain(repeatedText(summary.repeated));
  }
  // No vocabulary phrase on one surface only (letter case aside: a cell starts with a capital).
  const onPage = BULK_PHRASES.filter((p) => page.toLowerCase().includes(p));
  const onCli = BULK_PHRASES.filter((p) => cli.toLowerCase().includes(p));
  expect(onPage).toEqual(onCli);
}

test('Check many and `access-doctor bulk`: the same groups, counts and bad lines in the same words', async () => {
  const text = [
    'bob@contractor.io',
    'ann@contractor.io',
    'BOB@Contractor.IO',
    'sam@acme.com',
    'jane@acme.com',
    'kim@newco.example',
    'not an address',
    'lee@@acme.com',
  ].join('\n');
  const lines = diagnoseLines(site, readAddressRows(text), { project: 'HELP' });
  const summary = summarize(lines);
  expect(summary.groups.map((g) => g.verdict)).toEqual(expect.arrayContaining(['rejected', 'accepted']));
  expect(summary.groups.some((g) => g.count > 1 && g.fix)).toBe(true);
  expect(summary.repeated).toBe(1);
  expect(summary.invalid).toHaveLength(2);
  await compareBulk(summary, lines);
});

test('Check many and `access-doctor bulk`: an unknown group says what it turns on in the same words', async () => {
  const snapshot: Snapshot = {
    format: 'customer-access-doctor/snapshot',
    version: 1,
    customerAccess: { internal: false, accountCreation: 'allowed' },
    approvedDomains: { domains: {}, anyDomain: 'none' },
    projects: { HELP: { name: 'IT Help desk', access: 'open', portalAccessGrants: true } },
    accounts: {},
  };
  const lines = diagnoseLines(
    prepareSite(snapshot),
    readAddressRows('kim@newco.example\nlee@newco.example'),
    {
      project: 'HELP',
    },
  );
  const summary = summarize(lines);
  expect(summary.groups.map((g) => g.verdict)).toEqual(['unknown']);
  await compareBulk(summary, lines);
});

// --- The admin page's Audit and `access-doctor audit` ------------------------------------------------

/** One audit, shown by the admin page and by `access-doctor audit`: each finding in the same words, in the same order. */
async function compareAudit(snapshot: Snapshot) {
  const warnings = auditSnapshot(snapshot, { now: NOW });
  const notes = notAudited(snapshot);
  await render(<AuditPanel warnings={warnings} notes={notes} />);
  const page = flat(textOf());
  const cli = flat(formatAudit(warnings, notes, 'the site', true, makeColors(false)));
  const both = [...notes];
  if (warnings.length) both.push(auditCountText(warnings.length));
  else both.push(AUDIT_NONE);
  for (const w of warnings)
    both.push(
      w.title,
      `${AUDIT_PART_LABEL.why}: ${w.why}`,
      `${AUDIT_PART_LABEL.fix}: ${w.fix}`,
      `${AUDIT_PART_LABEL.where}: ${w.where}`,
    );
  expectOnBoth(page, cli, both);
  // Each finding's severity and title: "Risk: <title>" on the page, "1. RISK <title>" on the command line.
  warnings.forEach((w, i) => {
    expect(page).toContain(`${AUDIT_SEVERITY_LABEL[w.severity]}: ${w.title}`);
    expect(cli).toContain(`${i + 1}. ${AUDIT_SEVERITY_LABEL[w.severity].toUpperCase()} ${w.title}`);
  });
  // The same order on both.
  const order = (text: string) => warnings.map((w) => text.indexOf(`${w.title} `));
  for (const text of [page, cli]) expect(order(text)).toEqual([...order(text)].sort((a, b) => a - b));
  // No severity word on one surface only.
  const severities = (text: string) =>
    Object.values(AUDIT_SEVERITY_LABEL).filter((word) =>
      text.toLowerCase().includes(`${word.toLowerCase()}`),
    );
  expect(severities(page)).toEqual(severities(cli));
  return warnings;
}

test("the admin page's Audit and `access-doctor audit`: every finding of the sample site in the same words", async () => {
  // The sample site, with its Customer access entered long ago (an unconfirmed entry).
  const snapshot: Snapshot = {
    ...sampleSnapshot,
    sources: {
      ...sampleSnapshot.sources,
      customerAccess: { kind: 'entered', by: 'Ana', at: '2026-01-05T09:00:00Z' },
    },
  };
  const warnings = await compareAudit(snapshot);
  expect([...new Set(warnings.map((w) => w.severity))].sort()).toEqual([
    'contradiction',
    'note',
    'risk',
    'stale',
  ]);
});

test("the admin page's Audit and `access-doctor audit`: nothing found, and what could not be audited, alike", async () => {
  const snapshot: Snapshot = {
    format: 'customer-access-doctor/snapshot',
    version: 1,
    projects: { HELP: { name: 'IT Help desk', access: 'open' } },
  };
  const warnings = await compareAudit(snapshot);
  expect(warnings).toEqual([]);
  expect(notAudited(snapshot).length).toBeGreaterThan(0);
});

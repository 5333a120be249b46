/**
 * diagnoseBulk through the real handler and @forge/api against the local fake: an email-log export
 * with junk lines (a stray quote, empty cells, invisible characters) is answered row by row, never
 * failing as a whole; 1,000 lines checked in the page's batches give grouped results with fixes.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import type { FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataOf, startFake } from './harness';
import {
  BULK_BATCH_LINES,
  batchText,
  LOG_NOT_ALLOWED_DOMAIN,
  readAddressRows,
  sampleSnapshot,
  summarize,
  type BulkLine,
} from '../../src/evaluator';

let fake: FakeAtlassian;
beforeEach(async () => {
  fake = await startFake();
  for (const payload of [
    { section: 'customerAccess', value: sampleSnapshot.customerAccess },
    { section: 'emailChannel', value: sampleSnapshot.emailChannel },
    { section: 'project', projectKey: 'HELP', value: { access: 'open' } },
  ]) {
    dataOf(await call('saveSettings', payload));
  }
  dataOf(await call('setApiKey', { orgId: fake.orgId, apiKey: fake.apiKey }));
});
afterEach(() => fake.close());

const SENDERS = ['jane@acme.com', 'pat@partner.com', 'sam@acme.com', 'bob@contractor.io'];

/** An email-log export of `rows` data rows: real senders, new ones, and junk every 37th row. */
function emailLogExport(rows: number): { text: string; junk: Map<number, RegExp> } {
  const out = ['Date,Email,Subject,Status'];
  const junk = new Map<number, RegExp>();
  for (let i = 0; i < rows; i++) {
    const line = out.length + 1;
    const date = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
    if (i % 37 === 5) {
      out.push(`${date},"bob@contractor.io,Help,Rejected`);
      junk.set(line, /quote/);
    } else if (i % 37 === 17) {
      out.push(`${date},,Help,Rejected`);
      junk.set(line, /the "Email" cell is empty/);
    } else if (i % 37 === 29) {
      out.push(`${date},kim\u200b@initech.com,Help,Rejected`);
      junk.set(line, /U\+200B ZERO WIDTH SPACE/);
    } else {
      const sender = i % 3 === 0 ? SENDERS[i % SENDERS.length] : `person${i}@contractor.io`;
      // Letter case as mail clients write it: never a second address.
      out.push(`${date},${i % 5 === 0 ? sender.toUpperCase() : sender},"Printer, again",Rejected`);
    }
  }
  return { text: out.join('\r\n') + '\r\n', junk };
}

test('a stray quote in an export is one bad line with its number, not a failed run', async () => {
  const text = [
    'Date,Email,Status',
    '2026-11-20,jane@acme.com,Processed',
    '2026-11-20,"bob@contractor.io,Rejected',
    '2026-11-21,,Rejected',
    '2026-11-21,BOB@Contractor.IO,Rejected',
  ].join('\n');
  const report = dataOf(await call('diagnoseBulk', { text, projectKey: 'HELP' }));
  expect(report.total).toBe(4);
  expect(report.invalid).toEqual([
    { line: 3, input: '2026-11-20,"bob@contractor.io,Rejected', error: expect.stringMatching(/quote/) },
    { line: 4, input: '2026-11-21,,Rejected', error: 'the "Email" cell is empty' },
  ]);
  expect(report.groups.map((g) => [g.verdict, g.cause, g.emails])).toEqual([
    ['rejected', 'external-domain-not-listed', ['bob@contractor.io']],
    ['accepted', null, ['jane@acme.com']],
  ]);
  expect(report.groups[0]).toMatchObject({ log: LOG_NOT_ALLOWED_DOMAIN, who: 'jira-admin' });
});

test('more addresses than one check takes: a message in words that says the limit and what to do', async () => {
  const text = Array.from({ length: BULK_BATCH_LINES + 1 }, (_, i) => `p${i}@acme.com`).join('\n');
  const answer = await call('diagnoseBulk', { text, projectKey: 'HELP' });
  expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'text' } });
  const message = (answer as { error: { message: string } }).error.message;
  expect(message).toBe(
    `Addresses or an email log export: holds 101 addresses; one check takes at most ${BULK_BATCH_LINES}. Check the list in parts of ${BULK_BATCH_LINES} lines.`,
  );
  expect(message).not.toMatch(/text:|diagnoseBulk/);
});

test('a 1,000-line email-log export with junk lines, in the page’s batches: grouped results with fixes', async () => {
  const { text, junk } = emailLogExport(1000);
  // What the page does: read the rows, send the addresses in batches, put the answers back by line.
  const rows = readAddressRows(text);
  const answers: BulkLine[] = rows.map((r) =>
    r.error === undefined ? { input: r.input, line: r.line, error: 'unanswered' } : { ...r, error: r.error },
  );
  const pending = rows.flatMap((r, i) => (r.error === undefined ? [i] : []));
  const started = Date.now();
  const times: number[] = [];
  for (let at = 0; at < pending.length; at += BULK_BATCH_LINES) {
    const batch = pending.slice(at, at + BULK_BATCH_LINES);
    const t0 = Date.now();
    const report = dataOf(
      await call('diagnoseBulk', { text: batchText(batch.map((i) => rows[i].input)), projectKey: 'HELP' }),
    );
    times.push(Date.now() - t0);
    for (const l of report.lines) {
      const row = rows[batch[l.line! - 2]];
      answers[batch[l.line! - 2]] = { ...l, input: row.input, line: row.line };
    }
  }
  const elapsed = Date.now() - started;
  console.log(
    `1,000 export lines through the resolver against the fake: ${elapsed} ms in ${times.length} batches (slowest ${Math.max(...times)} ms)`,
  );
  // One invocation has 25 s; a batch stays far below it against the fake.
  expect(Math.max(...times)).toBeLessThan(25_000);

  const summary = summarize(answers);
  expect(summary.total).toBe(1000);
  expect(answers.some((a) => 'error' in a && a.error === 'unanswered')).toBe(false);
  // Every junk line, with its line number and why; no other line.
  expect(summary.invalid.map((l) => l.line)).toEqual([...junk.keys()]);
  for (const bad of summary.invalid) expect(bad.error).toMatch(junk.get(bad.line!)!);
  // Letter case never makes a second address.
  const addresses = summary.groups.flatMap((g) => g.emails);
  expect(new Set(addresses.map((a) => a.toLowerCase())).size).toBe(addresses.length);
  expect(addresses).toContain('bob@contractor.io');
  expect(summary.repeated).toBeGreaterThan(0);
  // Rejected first, each rejected group with its log line, first fix and who makes it.
  expect(summary.groups[0]).toMatchObject({
    verdict: 'rejected',
    cause: 'external-domain-not-listed',
    log: LOG_NOT_ALLOWED_DOMAIN,
    who: 'jira-admin',
  });
  expect(summary.groups[0].count).toBeGreaterThan(600);
  for (const g of summary.groups.filter((x) => x.verdict === 'rejected')) {
    expect(g.fix).not.toBeNull();
    expect(g.who).toBe(g.fix!.who);
  }
  expect(summary.groups.map((g) => g.verdict)).toEqual(
    [...summary.groups.map((g) => g.verdict)].sort(
      (a, b) =>
        ['rejected', 'unknown', 'accepted'].indexOf(a) - ['rejected', 'unknown', 'accepted'].indexOf(b),
    ),
  );
}, 120_000);

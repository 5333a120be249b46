/**
 * The one bulk summary (src/evaluator/summary.ts) the resolver, the pages and the command line use:
 * groups by verdict then cause, the first fix and who makes it, letter case never doubling an
 * address, every line that is not an address with its number and why, and the results as CSV.
 */
import {
  bulkDiagnose,
  diagnoseLines,
  readAddressRows,
  resultsCsv,
  sampleSnapshot,
  summarize,
  SummaryBuilder,
  LOG_NOT_ALLOWED_DOMAIN,
} from '../../src/evaluator';

const EXPORT = [
  'Date,Email,Status',
  '2026-11-20,jane@acme.com,Processed',
  '2026-11-20,"bob@contractor.io,Rejected',
  '2026-11-21,,Rejected',
  '2026-11-21,BOB@Contractor.IO,Rejected',
  '2026-11-21,ann@contractor.io,Rejected',
  '2026-11-22,"Bob Stone <bob@contractor.io>",Rejected',
  '2026-11-22,sam@acme.com,Rejected',
  '2026-11-22,lee@partner.com,Rejected',
  '2026-11-23,kim\u200b@initech.com,Rejected',
  '2026-11-23,pat@partner.com,Processed',
].join('\n');

const lines = () => diagnoseLines(sampleSnapshot, readAddressRows(EXPORT), { project: 'HELP' });

describe('summarize', () => {
  test('groups rejected, then unknown, then accepted; within a verdict the largest group first', () => {
    const s = summarize(lines());
    expect(s.groups.map((g) => [g.verdict, g.key, g.count])).toEqual([
      ['rejected', 'external-domain-not-listed', 2],
      ['rejected', 'sender-suspended', 1],
      ['rejected', 'duplicate-accounts', 1],
      ['accepted', 'existing', 2],
    ]);
    const unknownFirst = summarize([
      ...lines(),
      ...diagnoseLines({ ...sampleSnapshot, accounts: undefined }, ['x@partner.com'], { project: 'HELP' }),
    ]);
    expect(unknownFirst.groups.map((g) => g.verdict)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'unknown',
      'accepted',
    ]);
  });

  test('each group has its email-log line, its first fix and who makes it, and its addresses', () => {
    const [domain] = summarize(lines()).groups;
    expect(domain.log).toBe(LOG_NOT_ALLOWED_DOMAIN);
    expect(domain.emails).toEqual(['bob@contractor.io', 'ann@contractor.io']);
    expect(domain.fix?.action).toMatch(/contractor\.io/);
    expect(domain.who).toBe(domain.fix?.who);
    expect(domain.who).toBe('jira-admin');
    expect(domain.fixFor).toBe('bob@contractor.io');
  });

  test('letter case never doubles an address: BOB@Contractor.IO, bob@contractor.io and a display name are one', () => {
    const s = summarize(lines());
    expect(s.counts).toEqual({ rejected: 4, unknown: 0, accepted: 2, invalid: 3 });
    expect(s.repeated).toBe(1);
    expect(s.total).toBe(10);
  });

  test('every line that is not an address is listed with its line number and why', () => {
    expect(summarize(lines()).invalid).toEqual([
      { line: 3, input: '2026-11-20,"bob@contractor.io,Rejected', error: expect.stringMatching(/quote/) },
      { line: 4, input: '2026-11-21,,Rejected', error: 'the "Email" cell is empty' },
      {
        line: 10,
        input: 'kim\u200b@initech.com',
        error: expect.stringContaining('U+200B ZERO WIDTH SPACE'),
      },
    ]);
  });

  test('built in parts (the command line, the pages batch by batch) it equals the summary of the whole', () => {
    const all = lines();
    const builder = new SummaryBuilder();
    builder.addAll(all.slice(0, 4));
    builder.addAll(all.slice(4));
    expect(builder.finish()).toEqual(summarize(all));
    expect(bulkDiagnose(sampleSnapshot, readAddressRows(EXPORT), { project: 'HELP' })).toEqual({
      lines: all,
      ...summarize(all),
    });
  });

  test('the results as CSV: one row per line in input order, words not codes, spreadsheet-safe', () => {
    const csv = resultsCsv(lines(), { verdict: (v) => v.toUpperCase(), cause: (c) => `cause ${c}` });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'Line,Input,Address,Verdict,Cause,Email log line,First fix,Who makes it,Not an address because',
    );
    expect(rows).toHaveLength(11);
    expect(rows[1]).toBe('2,jane@acme.com,jane@acme.com,ACCEPTED,,,,,');
    expect(rows[2]).toMatch(/^3,"2026-11-20,""bob@contractor\.io,Rejected",,,,,,,".*quote/);
    expect(rows[4]).toMatch(
      /^5,BOB@Contractor\.IO,bob@contractor\.io,REJECTED,cause external-domain-not-listed,Email doesn't belong.*,A Jira admin,$/,
    );
    expect(
      resultsCsv([{ input: '=cmd()', error: 'x', line: 1 }], { verdict: String, cause: String }),
    ).toContain(`1,"'=cmd()"`);
  });
});

import {
  diagnoseLines,
  applyFix,
  bulkDiagnose,
  decisionMatrix,
  diagnose,
  readAddressRows,
  sampleSnapshot,
} from '../../src/evaluator';
import { site } from './helpers';

describe('fixes', () => {
  it("adds this one domain to External's list before anything broader, and marks the broad ones risky", () => {
    const { fixes } = diagnose(sampleSnapshot, 'bob@contractor.io', { project: 'HELP' }).inbound;
    expect(fixes[0].changes.map((c) => c.id)).toEqual(['add-external-domain']);
    expect(fixes[0].risky).toBe(false);
    expect(fixes[0].letsIn).toContain('@contractor.io');
    expect(fixes[0].where).toBe('Settings > Products > Jira Service Management > Customer access');
    expect(fixes[0].link).toBe(
      'https://acme-support.atlassian.net/jira/settings/products/servicedesk/customer-access',
    );
    const anyDomain = fixes.find((f) => f.changes.some((c) => c.id === 'external-any-domain'));
    expect(anyDomain?.risky).toBe(true);
    expect(anyDomain?.letsIn).toMatch(/anyone with any email address/);
    expect(fixes.indexOf(anyDomain!)).toBe(fixes.length - 1);
    expect(fixes.map((f) => f.action)).toContain(
      'Remove contractor.io\'s No access row from Approved domains, so that "Any domain" (Customer) applies',
    );
  });

  it('points a suspended sender to Restore access in admin.atlassian.com', () => {
    const { fixes } = diagnose(sampleSnapshot, 'sam@acme.com', { project: 'HELP' }).inbound;
    expect(fixes).toHaveLength(1);
    expect(fixes[0].cause).toBe('sender-suspended');
    expect(fixes[0].action).toMatch(/Restore access/);
    expect(fixes[0].where).toMatch(/^admin\.atlassian\.com > Directory > Users/);
  });

  it('combines changes when one alone is not enough, and every fix found works', () => {
    const s = site({
      customerAccess: { accountCreation: 'not-allowed', external: false },
      projects: { HELP: { access: 'restricted' } },
    });
    const d = diagnose(s, 'b@ext.io', { project: 'HELP' }).inbound;
    expect(d.causes).toEqual(['account-creation-disabled', 'domain-not-granted', 'project-restricted']);
    expect(d.fixes[0].changes.length).toBe(3);
    expect(d.fixes[0].causes).toEqual(d.causes);
    for (const fix of d.fixes)
      expect(diagnose(applyFix(s, fix), 'b@ext.io', { project: 'HELP', fixes: false }).inbound.verdict).toBe(
        'accepted',
      );
  });

  it('keeps only smallest sets: no fix contains another', () => {
    const s = site({ customerAccess: { internal: false, external: false } });
    const { fixes } = diagnose(s, 'b@ext.io', { project: 'HELP' }).inbound;
    const ids = fixes.map((f) => new Set(f.changes.map((c) => c.id)));
    for (const a of ids) for (const b of ids) if (a !== b) expect([...a].every((x) => b.has(x))).toBe(false);
  });

  it('offers none for an accepted sender', () => {
    expect(diagnose(sampleSnapshot, 'jane@acme.com', { project: 'HELP' }).inbound.fixes).toEqual([]);
  });
});

describe('decision matrix', () => {
  const matrix = decisionMatrix(site({ accounts: {} }), 'b@ext.io', { project: 'HELP' });
  const row = (internal: boolean, external: string, domainRow: string, anyDomain = 'none') =>
    matrix.rows.find(
      (r) =>
        r.internal === internal &&
        r.external === external &&
        r.domainRow === domainRow &&
        r.anyDomain === anyDomain,
    )!;

  it("fills in Atlassian's invite notification table", () => {
    expect(row(true, 'on-domain-listed', 'customer').invite).toBe('atlassian-account-invitation');
    expect(row(true, 'off', 'customer').invite).toBe('atlassian-account-invitation');
    expect(row(true, 'on-domain-listed', 'none').invite).toBe('jsm-customer-notification');
    expect(row(true, 'off', 'none').invite).toBe('no-notification-error');
    expect(row(false, 'on-any-domain', 'customer').invite).toBe('jsm-customer-notification');
    // domain.md §3: neither Internal nor External on, the invite fails ("could not be added").
    expect(row(false, 'off', 'customer').invite).toBe('no-notification-error');
    expect(row(true, 'on-domain-not-listed', 'none').invite).toBe('unknown');
  });

  it('gives the email outcome of each combination', () => {
    expect(row(true, 'off', 'not-listed', 'customer').inbound).toEqual({
      verdict: 'accepted',
      account: 'atlassian-account',
      causes: [],
    });
    expect(row(true, 'off', 'none', 'customer').inbound.causes).toEqual(['domain-not-granted']);
    expect(row(false, 'on-domain-listed', 'none').inbound.account).toBe('portal-only-account');
    expect(row(false, 'off', 'customer').inbound.causes).toEqual(['no-account-types']);
  });

  it("marks exactly the site's current row", () => {
    const current = matrix.rows.filter((r) => r.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({
      internal: true,
      external: 'on-domain-not-listed',
      domainRow: 'not-listed',
      anyDomain: 'none',
    });
    expect(current[0].inbound.causes).toEqual(diagnose(site({ accounts: {} }), 'b@ext.io').inbound.causes);
  });

  it('covers every combination once', () => {
    expect(
      new Set(matrix.rows.map((r) => `${r.internal}${r.external}${r.domainRow}${r.anyDomain}`)).size,
    ).toBe(64);
  });
});

describe('bulk', () => {
  it('reads one address per line, or the email column of a CSV', () => {
    const inputs = (text: string) => readAddressRows(text).map((r) => r.input);
    expect(inputs('a@x.com\n\n b@y.com \r\n')).toEqual(['a@x.com', 'b@y.com']);
    expect(inputs('email\njane@acme.com\n')).toEqual(['jane@acme.com']);
    expect(
      inputs('Date,Email,Status\n2026-11-01,a@x.com,Rejected\n2026-11-02,"Doe, J <b@y.com>",Rejected\n'),
    ).toEqual(['a@x.com', 'Doe, J <b@y.com>']);
  });

  it('reads each row on its own: an unreadable row or an empty email cell is an error with its line number', () => {
    const text = [
      'Date,Email,Status',
      '2026-11-01,a@x.com,Rejected',
      '2026-11-02,"b@y.com,Rejected',
      '2026-11-03,,Rejected',
      '',
      '2026-11-04,"Doe, J <c@z.com>",Rejected',
      '2026-11-05,"x@y.com" trailing,Rejected',
      '2026-11-06,"multi',
      'line",Rejected',
      '2026-11-07, d@z.com\u200b ,Rejected',
    ].join('\n');
    expect(readAddressRows(text)).toEqual([
      { input: 'a@x.com', line: 2 },
      { input: '2026-11-02,"b@y.com,Rejected', line: 3, error: expect.stringMatching(/quote/) },
      { input: '2026-11-03,,Rejected', line: 4, error: 'the "Email" cell is empty' },
      { input: 'Doe, J <c@z.com>', line: 6 },
      {
        input: '2026-11-05,"x@y.com" trailing,Rejected',
        line: 7,
        error: expect.stringMatching(/closing quote/),
      },
      { input: 'multi\nline', line: 8 },
      // Only spaces are trimmed: the invisible character is left for the address check to name.
      { input: 'd@z.com\u200b', line: 10 },
    ]);
    const report = bulkDiagnose(sampleSnapshot, readAddressRows(text), { project: 'HELP' });
    expect(report.lines.map((l) => ('error' in l ? l.line : null))).toEqual([null, 3, 4, 6, 7, 8, 10]);
    expect(report.lines[6]).toMatchObject({
      error: expect.stringContaining('U+200B ZERO WIDTH SPACE after "z.com"'),
    });
  });

  it('groups by verdict and first cause, keeps input order, and reports bad lines without stopping', () => {
    const lines = [
      'bob@contractor.io',
      'not an address',
      'ann@contractor.io',
      'jane@acme.com',
      'sam@acme.com',
    ];
    const report = bulkDiagnose(sampleSnapshot, lines, { project: 'HELP' });
    expect(report.lines.map((l) => l.input)).toEqual(lines);
    expect(report.lines[1]).toEqual({ input: 'not an address', error: 'it has no "@"' });
    expect(report.counts).toEqual({ accepted: 1, rejected: 3, unknown: 0, invalid: 1 });
    expect(report.groups[0]).toMatchObject({
      verdict: 'rejected',
      cause: 'external-domain-not-listed',
      count: 2,
    });
    expect(report.groups[0].emails).toEqual(['bob@contractor.io', 'ann@contractor.io']);
  });

  it('answers each address as a single check would, its own address in its fixes', () => {
    const report = bulkDiagnose(sampleSnapshot, ['bob@contractor.io', 'ann@contractor.io'], {
      project: 'VIP',
    });
    for (const line of report.lines) {
      if (!('diagnosis' in line)) throw new Error('expected a diagnosis');
      expect(line.diagnosis).toEqual(diagnose(sampleSnapshot, line.input, { project: 'VIP' }));
    }
  });
});

test('bulk: each address of a domain gets its own invite error and fixes, not the first address', () => {
  const s = site({ customerAccess: { external: false } });
  const lines = diagnoseLines(s, ['ann@contractor.io', 'bo@contractor.io'], { project: 'HELP' });
  for (const line of lines) {
    if (!('diagnosis' in line)) throw new Error(`not answered: ${line.input}`);
    const d = line.diagnosis;
    expect(d.invite.error).toContain(`"${d.email}"`);
    expect(JSON.stringify(d)).not.toContain(d.email === 'ann@contractor.io' ? 'bo@' : 'ann@');
  }
});

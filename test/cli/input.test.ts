/**
 * What the command line takes in (contract.md §2): addresses holding invisible or full-width
 * characters are refused with the character named; a raw email with --eml; bulk lists whose rows
 * cannot be read; and the answer's invite.error and fixes[].who. Runs bin/access-doctor.js as a
 * process, after building dist/cli.js once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { diagnoseLines, readAddressRows, sampleSnapshot, summarize } from '../../src/evaluator';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/access-doctor.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input = ''): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 2, nothing on stdout, one line on stderr without a stack trace: that line. */
function usageError(run: Run): string {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  return lines[0];
}

interface Answer {
  email: string;
  inbound: {
    verdict: string;
    log: string | null;
    causes: string[];
    turnsOn: string[];
    checks: { id: string; title: string; result: string; detail: string }[];
    fixes: {
      cause: string;
      who: string;
      risky: boolean;
      letsIn: string;
      changes: { id: string; who: string }[];
    }[];
  };
  invite: { notification: string; error: string | null };
}

function answer(run: Run): Answer {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Answer;
}

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The sample site with some sections replaced, as a snapshot file. */
function snapshot(name: string, extra: Record<string, unknown>): string {
  return file(
    name,
    JSON.stringify({
      format: 'customer-access-doctor/snapshot',
      version: 1,
      site: { url: 'https://example.atlassian.net' },
      customerAccess: {
        internal: true,
        external: false,
        externalDomains: ['partner.com'],
        accountCreation: 'allowed',
      },
      approvedDomains: { domains: { 'acme.com': 'customer' }, anyDomain: 'none' },
      emailChannel: { allowlist: [], blocklist: [] },
      projects: {
        SUP: { access: 'open', customers: [], portalAccessGrants: true, customerInvitedNotification: true },
      },
      accounts: {},
      ...extra,
    }),
  );
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'access-doctor-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check: an address with an invisible or full-width character is refused, the character named', () => {
  const cases: [string, string, string][] = [
    ['zero-width space', 'bo@initech.com\u200b', 'U+200B ZERO WIDTH SPACE after "initech.com"'],
    ['soft hyphen', 'bo@init\u00adech.com', 'U+00AD SOFT HYPHEN after "init"'],
    ['word joiner', 'bo@initech\u2060.com', 'U+2060 WORD JOINER after "initech"'],
    ['byte order mark', '\ufeffbo@initech.com', 'U+FEFF ZERO WIDTH NO-BREAK SPACE before "bo"'],
    ['zero-width non-joiner', 'b\u200co@initech.com', 'U+200C ZERO WIDTH NON-JOINER after "b"'],
    ['zero-width joiner', 'bo@init\u200dech.com', 'U+200D ZERO WIDTH JOINER after "init"'],
    ['left-to-right mark', 'bo@initech.com\u200e', 'U+200E LEFT-TO-RIGHT MARK after "initech.com"'],
    ['right-to-left override', 'b\u202eo@initech.com', 'U+202E RIGHT-TO-LEFT OVERRIDE after "b"'],
    ['first strong isolate', 'bo@\u2068initech.com', 'U+2068 FIRST STRONG ISOLATE before "initech.com"'],
    ['full-width letter', 'bo@\uff49nitech.com', 'U+FF49 FULLWIDTH LATIN SMALL LETTER I before "nitech.com"'],
    ['full-width at sign', 'bo\uff20initech.com', 'U+FF20 FULLWIDTH COMMERCIAL AT after "bo"'],
    ['ideographic space', 'bo@initech.com\u3000', 'U+3000 IDEOGRAPHIC SPACE after "initech.com"'],
  ];

  test.each(cases)('%s: exit 2, one line naming it and where it stands', (_name, address, named) => {
    for (const args of [
      ['check', address],
      ['check', address, '--json'],
    ]) {
      const line = usageError(cli(args));
      expect(line).toContain(named);
      expect(line).toMatch(/is not an email address/);
    }
  });

  test('in bulk each is an error line of its own, and the run goes on', () => {
    const lines = ['jane@acme.com', ...cases.map(([, address]) => address), 'bob@contractor.io'];
    const run = cli(['bulk', '--project', 'HELP', '--json'], lines.join('\n'));
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { email?: string; input?: string; error?: string; line?: number });
    expect(out).toHaveLength(lines.length);
    expect(out[0].email).toBe('jane@acme.com');
    cases.forEach(([, address, named], i) => {
      expect(out[i + 1]).toEqual({ input: address, error: expect.stringContaining(named), line: i + 2 });
    });
    expect(out[out.length - 1].email).toBe('bob@contractor.io');
  });

  test('an international domain still works, shown as typed beside its ASCII form', () => {
    const d = answer(cli(['check', 'user@bücher.de', '--project', 'HELP', '--json']));
    expect(d.email).toBe('user@xn--bcher-kva.de');
    const run = cli(['check', 'user@bücher.de', '--project', 'HELP']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toContain('user@xn--bcher-kva.de (user@bücher.de)');
  });

  test('a joiner in a display name is not the address: "Name <address>" is still checked', () => {
    const d = answer(cli(['check', '"Bo \u200dSmith" <jane@acme.com>', '--project', 'HELP', '--json']));
    expect(d.email).toBe('jane@acme.com');
  });
});

/** A raw email as the email log's download gives it: CRLF line ends, folded headers. */
function eml(headers: string[], body = 'Hello, my laptop will not start.'): string {
  return [...headers, 'Subject: Laptop', 'Message-ID: <1@mail.example>', '', body, ''].join('\r\n');
}

describe('check --eml: a raw email', () => {
  test('the sender is its From, and its headers turn on the filters', () => {
    const path = file(
      'auto.eml',
      eml([
        'Return-Path: <jane@acme.com>',
        'From: =?UTF-8?Q?Jane_C=C3=B6oper?= <Jane@Acme.com>',
        'To: help@acme-support.atlassian.net',
        'Auto-Submitted: auto-replied',
      ]),
    );
    const d = answer(cli(['check', '--eml', path, '--project', 'HELP', '--json']));
    expect(d.email).toBe('jane@acme.com');
    expect(d.inbound.verdict).toBe('rejected');
    expect(d.inbound.causes).toEqual(['auto-reply']);
    expect(d.inbound.fixes[0]).toMatchObject({ who: 'project-admin', risky: false });
    // The same message on standard input.
    const piped = answer(
      cli(
        ['check', '--eml', '-', '--project', 'HELP', '--json'],
        eml(['From: Jane@Acme.com', 'Auto-Submitted: auto-replied']),
      ),
    );
    expect(piped.inbound.causes).toEqual(['auto-reply']);
  });

  test('a delivery report (multipart/report; report-type=delivery-status) is filtered', () => {
    const raw = [
      'From: Mail Delivery System <mailer-daemon@acme.com>',
      'Content-Type: multipart/report; report-type=delivery-status;',
      '\tboundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--b1--',
      '',
    ].join('\r\n');
    const d = answer(cli(['check', '--eml', file('dsn.eml', raw), '--project', 'HELP', '--json']));
    expect(d.inbound.causes).toEqual(['delivery-status']);
  });

  test('a DMARC failure: rejected at the Atlassian-provided address, whatever the allowlist; not for a custom mailbox', () => {
    const raw = eml([
      'Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=acme.com; dmarc=fail (p=REJECT) header.from=acme.com',
      'From: ann@acme.com',
    ]);
    const path = file('dmarc.eml', raw);
    const atlassian = snapshot('atlassian.json', {
      emailChannel: { allowlist: ['acme.com'], blocklist: [], mailbox: 'atlassian' },
    });
    const rejected = answer(cli(['check', '--eml', path, '--snapshot', atlassian, '--json']));
    expect(rejected.inbound).toMatchObject({ verdict: 'rejected', causes: ['dmarc-failed'], log: null });
    const dmarc = rejected.inbound.checks.find((c) => c.title === 'DMARC')!;
    expect(dmarc.result).toBe('fail');
    expect(dmarc.detail).toMatch(/allowlist does not override it/);
    expect(dmarc.detail).toMatch(/"Rejected"/);

    const custom = snapshot('custom.json', {
      emailChannel: { allowlist: [], blocklist: [], mailbox: 'custom' },
    });
    const accepted = answer(cli(['check', '--eml', path, '--snapshot', custom, '--json']));
    expect(accepted.inbound).toMatchObject({ verdict: 'accepted', causes: [] });

    const notKnown = snapshot('no-mailbox.json', { emailChannel: { allowlist: [], blocklist: [] } });
    const unknown = answer(cli(['check', '--eml', path, '--snapshot', notKnown, '--json']));
    expect(unknown.inbound.verdict).toBe('unknown');
    expect(unknown.inbound.turnsOn).toContain('emailChannel.mailbox');
  });

  test('an invalid mailbox value in the snapshot is named', () => {
    const bad = snapshot('bad-mailbox.json', { emailChannel: { mailbox: 'gmail' } });
    const line = usageError(cli(['check', 'ann@acme.com', '--snapshot', bad]));
    expect(line).toMatch(/emailChannel\.mailbox/);
    expect(line).toMatch(/"gmail"/);
  });

  test('EMAIL may be given too when it is the From (in any letter case); else it is refused', () => {
    const path = file('plain.eml', eml(['From: Bob <bob@contractor.io>']));
    expect(
      answer(cli(['check', 'BOB@contractor.io', '--eml', path, '--project', 'HELP', '--json'])).email,
    ).toBe('bob@contractor.io');
    const line = usageError(cli(['check', 'ann@acme.com', '--eml', path, '--project', 'HELP']));
    expect(line).toMatch(/is not the message's From/);
    expect(line).toContain('bob@contractor.io');
  });

  test('problems with the message: exit 2, one line saying which', () => {
    const hidden = Buffer.from(eml(['From: Bo <bo@initech.com\u200b>']), 'utf8');
    expect(usageError(cli(['check', '--eml', file('hidden.eml', hidden)]))).toContain(
      'U+200B ZERO WIDTH SPACE after "initech.com"',
    );
    expect(usageError(cli(['check', '--eml', file('nofrom.eml', eml(['To: help@example.com']))]))).toMatch(
      /no From header/,
    );
    expect(
      usageError(cli(['check', '--eml', file('two.eml', eml(['From: a@acme.com, b@acme.com']))])),
    ).toMatch(/several addresses/);
    expect(usageError(cli(['check', '--eml', file('empty.eml', '')]))).toMatch(/empty/);
    expect(usageError(cli(['check', '--eml', join(dir, 'missing.eml')]))).toMatch(/no such file/);
    expect(usageError(cli(['check', '--eml', '-', '--snapshot', '-'], '{}'))).toMatch(/standard input/);
    expect(usageError(cli(['check']))).toMatch(/EMAIL|--eml/);
  });
});

describe('check --json: invite.error and who makes each fix', () => {
  test("a failing invite gives the Customers page's exact text; a working one null", () => {
    // Internal on, contractor.io not granted, External off: the invite fails.
    const path = snapshot('no-external.json', {});
    const d = answer(cli(['check', 'pat@contractor.io', '--snapshot', path, '--json']));
    expect(d.invite).toMatchObject({
      notification: 'no-notification-error',
      error:
        'The following customers could not be added: "pat@contractor.io" Please check the email addresses and try again.',
    });
    expect(answer(cli(['check', 'ann@acme.com', '--snapshot', path, '--json'])).invite.error).toBeNull();
    // An inactive portal-only account.
    const inactive = snapshot('inactive.json', {
      accounts: { 'old@partner.com': { type: 'portal-only', status: 'deactivated', duplicate: false } },
    });
    expect(answer(cli(['check', 'old@partner.com', '--snapshot', inactive, '--json'])).invite.error).toBe(
      "This customer is inactive. You'll need to activate their account before you can invite them to the service project.",
    );
    // Missing Portal Access grants.
    const grants = snapshot('grants.json', {
      projects: {
        SUP: { access: 'open', customers: [], portalAccessGrants: false, customerInvitedNotification: true },
      },
    });
    expect(answer(cli(['check', 'ann@acme.com', '--snapshot', grants, '--json'])).invite.error).toBe(
      'Successfully added 0 customers. The following customers could not be added.',
    );
  });

  test('every fix says who can make it and whom it lets in; one domain is not risky, more is', () => {
    const d = answer(cli(['check', 'bob@contractor.io', '--project', 'HELP', '--json']));
    expect(d.inbound.fixes.length).toBeGreaterThan(0);
    const order = ['agent', 'project-admin', 'jira-admin', 'org-admin'];
    for (const fix of d.inbound.fixes) {
      expect(order).toContain(fix.who);
      expect(fix.letsIn).not.toBe('');
      // A fix of several changes names the most privileged of their owners.
      // (A fix of one change lists only its id and patch: its words and owner are the fix's.)
      const owners = fix.changes.length > 1 ? fix.changes.map((c) => c.who) : [fix.who];
      expect(order.indexOf(fix.who)).toBe(Math.max(...owners.map((w) => order.indexOf(w))));
      const oneDomain = /^anyone with an @contractor\.io address/.test(fix.letsIn);
      if (oneDomain && fix.changes.length === 1) expect(fix.risky).toBe(false);
      if (/anyone with any email address/.test(fix.letsIn)) expect(fix.risky).toBe(true);
    }
    const external = d.inbound.fixes.find((f) => f.changes[0].id === 'add-external-domain')!;
    expect(external).toMatchObject({ who: 'jira-admin', risky: false });
    const approved = d.inbound.fixes.find((f) => f.changes.some((c) => c.id === 'remove-domain-row'));
    expect(approved?.who).toBe('org-admin');
  });

  test("a Restricted project and a new sender the site lets in: an agent's invite on the Customers page", () => {
    const d = answer(cli(['check', 'ann@acme.com', '--project', 'VIP', '--json']));
    expect(d.inbound.causes).toEqual(['project-restricted']);
    expect(d.inbound.fixes[0]).toMatchObject({ who: 'agent', risky: false, letsIn: 'only this sender' });
    expect(d.inbound.fixes[0].changes.map((c) => c.id)).toEqual(['invite-customer']);
    const text = cli(['check', 'ann@acme.com', '--project', 'VIP']);
    expect(text.stdout).toMatch(/1\. Invite ann@acme\.com on VIP's Customers page/);
    expect(text.stdout).toMatch(/Who: +an agent of the project/);
  });
});

describe('bulk: rows that cannot be read are error lines, with their line numbers', () => {
  const csv = [
    'Date,Email,Status',
    '2026-11-20,jane@acme.com,Processed',
    '2026-11-20,"bob@contractor.io,Rejected',
    '2026-11-21,,Rejected',
    '2026-11-21,BOB@Contractor.IO,Rejected',
    '',
    '2026-11-22,"Bob Stone <bob@contractor.io>",Rejected',
    '2026-11-22,sam@acme.com,Rejected',
  ].join('\n');

  test('--json: one line per row in input order; a stray quote or an empty cell never stops the run', () => {
    const run = cli(['bulk', file('export.csv', csv), '--project', 'HELP', '--json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { email?: string; input?: string; error?: string; line?: number });
    expect(out).toHaveLength(6);
    expect(out[0].email).toBe('jane@acme.com');
    expect(out[1]).toEqual({
      input: '2026-11-20,"bob@contractor.io,Rejected',
      error: expect.stringMatching(/quote/),
      line: 3,
    });
    expect(out[2]).toEqual({ input: '2026-11-21,,Rejected', error: 'the "Email" cell is empty', line: 4 });
    expect(out.slice(3).map((d) => d.email)).toEqual([
      'bob@contractor.io',
      'bob@contractor.io',
      'sam@acme.com',
    ]);
  });

  test('summary: letter case never doubles an address; every bad line is listed with its number', () => {
    const run = cli(['bulk', file('export2.csv', csv), '--project', 'HELP']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Bulk check of 6 lines/);
    expect(run.stdout).toMatch(/^\s+1\s+Accepted$/m);
    // BOB@Contractor.IO and "Bob Stone <bob@contractor.io>" are one address; sam@acme.com another.
    expect(run.stdout).toMatch(/^\s+2\s+Rejected$/m);
    expect(run.stdout).toMatch(/^\s+2\s+Not an address$/m);
    expect(run.stdout).toMatch(/1 line repeated an address already counted/);
    expect(run.stdout).toMatch(/Line 3: .*quote/);
    expect(run.stdout).toMatch(/Line 4: .*cell is empty/);
    expect(run.stdout).toMatch(/Who: +a Jira admin/);
  });

  test('the summary is the one summarize the pages use: the same groups, in the same order, with the same counts', () => {
    const run = cli(['bulk', file('export3.csv', csv), '--project', 'HELP']);
    expect(run.status).toBe(0);
    const shown = run.stdout
      .split('\n')
      .map((l) => /^(REJECTED|UNKNOWN|ACCEPTED) \((\d+) address/.exec(l))
      .filter((m) => m !== null)
      .map((m) => [m[1].toLowerCase(), Number(m[2])]);
    const summary = summarize(diagnoseLines(sampleSnapshot, readAddressRows(csv), { project: 'HELP' }));
    expect(shown).toEqual(summary.groups.map((g) => [g.verdict, g.count]));
    expect(shown[0][0]).toBe('rejected');
  });

  test('every bad line is listed with its number and why, however many there are', () => {
    const lines = ['email', ...Array.from({ length: 8 }, (_, i) => `junk ${i}`), 'jane@acme.com'];
    const run = cli(['bulk', '--project', 'HELP'], lines.join('\n'));
    expect(run.status).toBe(0);
    for (let i = 0; i < 8; i++) expect(run.stdout).toContain(`Line ${i + 2}: "junk ${i}": it has no "@"`);
  });
});

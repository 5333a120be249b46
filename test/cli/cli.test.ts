/**
 * The access-doctor command end to end, as a spawned process: exit codes, stderr, the JSON of
 * contract.md §2, bulk input forms, help. Builds dist/cli.js once, then runs bin/access-doctor.js.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Each test spawns the command, some of them many times: allow for a slow, busy machine.
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/access-doctor.js');
const LOG_DOMAINS = "Email doesn't belong to domains allowed in customer access settings";
const LOG_PERMISSION = "You don't have permission to access this service project.";
/** The start of a colour code. */
const ANSI = '\u001b[';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectUsageError(run: Run): string {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toMatch(/internal error/);
  return lines[0];
}

function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** The shape of contract.md §2, field by field. */
function expectDiagnosisShape(d: Record<string, unknown>): void {
  expect(typeof d.email).toBe('string');
  expect(d.project === null || typeof d.project === 'string').toBe(true);
  const inbound = d.inbound as Record<string, unknown>;
  expect(['accepted', 'rejected', 'unknown']).toContain(inbound.verdict);
  expect([null, 'existing', 'atlassian-account', 'portal-only-account']).toContain(inbound.account);
  expect([null, LOG_DOMAINS, LOG_PERMISSION]).toContain(inbound.log);
  expect(Array.isArray(inbound.causes)).toBe(true);
  expect(Array.isArray(inbound.checks)).toBe(true);
  expect(Array.isArray(inbound.fixes)).toBe(true);
  for (const check of inbound.checks as Record<string, unknown>[]) {
    expect(typeof check.id).toBe('string');
    expect(['pass', 'fail', 'unknown', 'skipped']).toContain(check.result);
    expect(typeof check.detail).toBe('string');
  }
  for (const fix of inbound.fixes as Record<string, unknown>[]) {
    expect(inbound.causes).toContain(fix.cause);
    expect(typeof fix.action).toBe('string');
    expect(typeof fix.where).toBe('string');
    expect(['jira-admin', 'org-admin', 'project-admin', 'agent']).toContain(fix.who);
    expect(typeof fix.letsIn).toBe('string');
    expect(typeof fix.risky).toBe('boolean');
  }
  if (inbound.verdict === 'accepted') expect(inbound.account).not.toBeNull();
  else expect(inbound.account).toBeNull();
  if (inbound.verdict === 'rejected') expect((inbound.causes as string[]).length).toBeGreaterThan(0);
  const invite = d.invite as Record<string, unknown>;
  expect([
    'atlassian-account-invitation',
    'jsm-customer-notification',
    'no-notification-error',
    'no-notification',
    'unknown',
  ]).toContain(invite.notification);
  expect(Array.isArray(invite.checks)).toBe(true);
  expect(invite.error === null || typeof invite.error === 'string').toBe(true);
  if (invite.error !== null) expect(invite.notification).toBe('no-notification-error');
}

function inbound(d: Record<string, unknown>): {
  verdict: string;
  account: string | null;
  log: string | null;
  causes: string[];
  fixes: { cause: string; action: string; where: string; risky?: boolean }[];
} {
  return d.inbound as ReturnType<typeof inbound>;
}

/** A snapshot with one project, KEY, Open; External on for partner.com only; Internal off. */
function oneProjectSnapshot(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'customer-access-doctor/snapshot',
    version: 1,
    site: { url: 'https://example.atlassian.net' },
    customerAccess: {
      internal: false,
      external: true,
      externalDomains: ['partner.com'],
      accountCreation: 'allowed',
    },
    approvedDomains: { domains: {}, anyDomain: 'none' },
    emailChannel: { allowlist: [], blocklist: [] },
    projects: {
      SUP: {
        name: 'Support',
        access: 'open',
        customers: [],
        portalAccessGrants: true,
        customerInvitedNotification: true,
      },
    },
    accounts: {},
    ...extra,
  };
}

let dir: string;
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'access-doctor-test-'));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('check --json (contract.md §2)', () => {
  test('a refused partner-less domain on the sample site: rejected, the exact log line, causes and fixes', () => {
    const d = json(cli(['check', 'bob@contractor.io', '--project', 'HELP', '--json']));
    expectDiagnosisShape(d);
    expect(d.email).toBe('bob@contractor.io');
    expect(d.project).toBe('HELP');
    const i = inbound(d);
    expect(i.verdict).toBe('rejected');
    expect(i.account).toBeNull();
    expect(i.log).toBe(LOG_DOMAINS);
    expect(i.causes).toContain('external-domain-not-listed');
    expect(i.fixes.length).toBeGreaterThan(0);
  });

  test('prints exactly one JSON object and nothing else', () => {
    const run = cli(['check', 'jane@acme.com', '--project', 'HELP', '--json']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(run.stdout.trim().endsWith('}')).toBe(true);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  test('an existing active customer is accepted with the existing account', () => {
    const d = json(cli(['check', 'jane@acme.com', '--project', 'HELP', '--json']));
    expectDiagnosisShape(d);
    expect(inbound(d)).toMatchObject({ verdict: 'accepted', account: 'existing', log: null, causes: [] });
  });

  test('a new address at an approved domain gets an Atlassian account, and the invite is an Atlassian Account Invitation', () => {
    const d = json(cli(['check', 'newcomer@acme.com', '--project', 'HELP', '--json']));
    expect(inbound(d)).toMatchObject({ verdict: 'accepted', account: 'atlassian-account' });
    expect((d.invite as { notification: string }).notification).toBe('atlassian-account-invitation');
  });

  test('a suspended sender: the log shows the domains line, the first cause is sender-suspended', () => {
    const d = json(cli(['check', 'sam@acme.com', '--project', 'HELP', '--json']));
    expect(inbound(d).verdict).toBe('rejected');
    expect(inbound(d).causes[0]).toBe('sender-suspended');
    expect(inbound(d).log).toBe(LOG_DOMAINS);
  });

  test('a Restricted project refuses a non-customer with the permission line', () => {
    const d = json(cli(['check', 'newcomer@acme.com', '--project', 'VIP', '--json']));
    expect(inbound(d).verdict).toBe('rejected');
    expect(inbound(d).causes).toContain('project-restricted');
    expect(inbound(d).log).toBe(LOG_PERMISSION);
  });

  test('address forms: display name and letter case give the same answer', () => {
    const plain = json(cli(['check', 'bob@contractor.io', '--project', 'HELP', '--json']));
    const named = json(cli(['check', 'Bob Stone <BOB@Contractor.IO>', '--project', 'HELP', '--json']));
    expect(named.email).toBe('bob@contractor.io');
    expect(inbound(named).verdict).toBe(inbound(plain).verdict);
    expect(inbound(named).causes).toEqual(inbound(plain).causes);
  });
});

describe("check --header: the email channel's filters", () => {
  test('an auto-reply is rejected by the filter; a bad header is a usage error', () => {
    const args = ['check', 'jane@acme.com', '--project', 'HELP'];
    const d = json(cli([...args, '--header', 'Auto-Submitted: auto-replied', '--json']));
    expect(inbound(d).verdict).toBe('rejected');
    expect(inbound(d).causes[0]).toBe('auto-reply');
    const run = cli([...args, '-H', 'Auto-Submitted: auto-replied', '-H', 'Precedence: bulk']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"Auto-reply mail"');
    expect(run.stdout).toContain('bulk-mail');
    expect(expectUsageError(cli([...args, '--header', 'no colon here']))).toMatch(/NAME: VALUE/);
  });
});

describe('check: unknown facts', () => {
  test("a snapshot without accounts or External's list: verdict unknown, the checks say what each value gives", () => {
    const snapshot = oneProjectSnapshot({
      customerAccess: { internal: false, external: true, accountCreation: 'allowed' },
    });
    delete snapshot.accounts;
    const path = file('unknown.json', JSON.stringify(snapshot));
    const d = json(cli(['check', 'x@partner.com', '--snapshot', path, '--json']));
    expectDiagnosisShape(d);
    expect(inbound(d)).toMatchObject({ verdict: 'unknown', account: null, log: null });
    const checks = (d.inbound as { checks: { result: string; possibilities?: unknown[] }[] }).checks;
    const unknown = checks.filter((c) => c.result === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.some((c) => (c.possibilities ?? []).length >= 2)).toBe(true);

    const run = cli(['check', 'x@partner.com', '--snapshot', path]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('UNKNOWN');
    expect(run.stdout).toMatch(/\? Unknown/);
    expect(run.stdout).toMatch(/^\s+if .+: /m);
    expect(run.stdout).not.toContain('embedded sample site');
  });
});

describe('check: international domains', () => {
  test('jane@bücher.example matches the approved domain xn--bcher-kva.example; the text shows both forms', () => {
    const snapshot = oneProjectSnapshot({
      customerAccess: { internal: true, external: false, accountCreation: 'allowed' },
      approvedDomains: { domains: { 'xn--bcher-kva.example': 'customer' }, anyDomain: 'none' },
    });
    const path = file('idn.json', JSON.stringify(snapshot));
    const d = json(cli(['check', 'Jane <jane@BÜCHER.example>', '--snapshot', path, '--json']));
    expect(d.email).toBe('jane@xn--bcher-kva.example');
    expect(inbound(d)).toMatchObject({ verdict: 'accepted', account: 'atlassian-account' });
    const run = cli(['check', 'jane@bücher.example', '--snapshot', path]);
    expect(run.stdout.split('\n')[0]).toContain('jane@xn--bcher-kva.example (jane@bücher.example)');
  });
});

describe('check: choosing the project', () => {
  test('without --project and one project in the snapshot, that project', () => {
    const snapshot = file('one.json', JSON.stringify(oneProjectSnapshot()));
    const d = json(cli(['check', 'x@partner.com', '--snapshot', snapshot, '--json']));
    expect(d.project).toBe('SUP');
    expect(inbound(d)).toMatchObject({ verdict: 'accepted', account: 'portal-only-account' });
  });

  test('--snapshot - reads the snapshot from standard input', () => {
    const input = JSON.stringify(oneProjectSnapshot());
    const d = json(cli(['check', 'x@partner.com', '--snapshot', '-', '--json'], { input }));
    expect(d.project).toBe('SUP');
    const line = expectUsageError(cli(['bulk', '--snapshot', '-'], { input }));
    expect(line).toMatch(/give the addresses as a FILE/);
    const list = file('for-stdin-snapshot.txt', 'x@partner.com\n');
    const bulk = cli(['bulk', list, '--snapshot', '-', '--json'], { input });
    expect(bulk.status).toBe(0);
    expect(JSON.parse(bulk.stdout).project).toBe('SUP');
  });

  test('the snapshot file decides, not the sample: a domain off the External list is refused', () => {
    const snapshot = file('one-b.json', JSON.stringify(oneProjectSnapshot()));
    const d = json(cli(['check', 'x@elsewhere.org', '--snapshot', snapshot, '--json']));
    expect(inbound(d).verdict).toBe('rejected');
    expect(inbound(d).causes).toContain('external-domain-not-listed');
  });

  test('without --project and several projects: the project is unknown, and the checks name the choices', () => {
    const refused = json(cli(['check', 'bob@contractor.io', '--json']));
    expect(refused.project).toBeNull();
    // refused whatever the project: External's list leaves contractor.io out
    expect(inbound(refused).verdict).toBe('rejected');
    expect(inbound(refused).causes).toEqual(['external-domain-not-listed']);
    const open = json(cli(['check', 'someone@example.org', '--json']));
    expect(inbound(open).verdict).toBe('unknown');
    expect(JSON.stringify(open.inbound)).toMatch(/no service project was named; the snapshot has HELP, VIP/);
  });

  test('an unknown project: exit 2, one line naming it', () => {
    const line = expectUsageError(cli(['check', 'bob@contractor.io', '--project', 'NOPE', '--json']));
    expect(line).toMatch(/NOPE/);
  });
});

describe('check: problems the user fixes (exit 2, one line on stderr)', () => {
  test('not an address', () => {
    const line = expectUsageError(cli(['check', 'not-an-address', '--project', 'HELP']));
    expect(line).toMatch(/not-an-address/);
    expect(line).toMatch(/@/);
  });

  test('two addresses', () => {
    expectUsageError(cli(['check', 'a@acme.com, b@acme.com', '--project', 'HELP', '--json']));
  });

  test('a snapshot file that does not exist', () => {
    const line = expectUsageError(cli(['check', 'a@acme.com', '--snapshot', join(dir, 'missing.json')]));
    expect(line).toMatch(/missing\.json/);
    expect(line).toMatch(/no such file/);
  });

  test('a snapshot that is not JSON', () => {
    const line = expectUsageError(
      cli(['check', 'a@acme.com', '--snapshot', file('broken.json', '{"format":')]),
    );
    expect(line).toMatch(/not valid JSON/);
  });

  test('an invalid snapshot: the field, what was expected and what was found', () => {
    const bad = oneProjectSnapshot({
      customerAccess: { internal: true, external: 'yes', externalDomains: 'any', accountCreation: 'allowed' },
    });
    const line = expectUsageError(
      cli(['check', 'a@acme.com', '--snapshot', file('bad.json', JSON.stringify(bad))]),
    );
    expect(line).toMatch(/customerAccess\.external/);
    expect(line).toMatch(/boolean/);
    expect(line).toMatch(/"yes"/);
  });

  test('an invalid snapshot in a nested field', () => {
    const bad = oneProjectSnapshot({ projects: { SUP: { access: 'closed' } } });
    const line = expectUsageError(
      cli(['check', 'a@acme.com', '--snapshot', file('bad2.json', JSON.stringify(bad))]),
    );
    expect(line).toMatch(/projects\.SUP\.access/);
  });

  test('a missing argument or an unknown option', () => {
    expectUsageError(cli(['check']));
    expectUsageError(cli(['check', 'a@acme.com', '--frobnicate']));
    expectUsageError(cli(['chek', 'a@acme.com']));
  });
});

describe('check: human output', () => {
  test('verdict, the quoted log line, causes, numbered fixes with where, the invite; no colour in a pipe', () => {
    const run = cli(['check', 'bob@contractor.io', '--project', 'HELP']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('bob@contractor.io');
    expect(run.stdout).toContain('REJECTED');
    expect(run.stdout).toContain(`"${LOG_DOMAINS}"`);
    expect(run.stdout).toContain('external-domain-not-listed');
    expect(run.stdout).toMatch(/^\s+1\. /m);
    expect(run.stdout).toMatch(/Where: /);
    expect(run.stdout).toMatch(/If an agent invites this address/);
    expect(run.stdout).not.toContain(ANSI);
  });

  test('a risky fix is marked with who else it lets in', () => {
    const d = json(cli(['check', 'bob@contractor.io', '--project', 'HELP', '--json']));
    const risky = inbound(d).fixes.filter((f) => f.risky);
    const run = cli(['check', 'bob@contractor.io', '--project', 'HELP']);
    if (risky.length > 0) {
      expect(run.stdout).toContain('RISKY');
      expect(run.stdout).toContain('Also lets in:');
    } else {
      expect(run.stdout).not.toContain('RISKY');
    }
  });

  test('an accepted address says so and has no log line', () => {
    const run = cli(['check', 'jane@acme.com', '--project', 'HELP']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ACCEPTED');
    expect(run.stdout).not.toContain('The email log shows');
  });
});

describe('bulk', () => {
  const lines = ['jane@acme.com', 'not an address', 'bob@contractor.io', '', 'sam@acme.com'];

  test('--json: one line per input line, in order; a bad line in the middle does not stop the run', () => {
    const run = cli(['bulk', file('list.txt', lines.join('\n') + '\n'), '--project', 'HELP', '--json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0].email).toBe('jane@acme.com');
    expect(out[1]).toEqual({ input: 'not an address', error: expect.any(String), line: 2 });
    expect((out[1].error as string).length).toBeGreaterThan(0);
    expect(out[2].email).toBe('bob@contractor.io');
    expect(out[3].email).toBe('sam@acme.com');
    for (const d of [out[0], out[2], out[3]]) expectDiagnosisShape(d);
  });

  test('--json gives the same object check --json prints', () => {
    const bulk = cli(['bulk', '--project', 'HELP', '--json'], { input: 'bob@contractor.io\n' });
    const check = cli(['check', 'bob@contractor.io', '--project', 'HELP', '--json']);
    expect(JSON.parse(bulk.stdout)).toEqual(JSON.parse(check.stdout));
  });

  test('--json: every line equals check --json for that address, also for several addresses of one domain', () => {
    const addresses = [
      'a1@acme.com',
      'a2@acme.com',
      'b1@contractor.io',
      'b2@contractor.io',
      'c1@gmail.com',
      'c2@gmail.com',
      'jane@acme.com',
      'lee@partner.com',
      'd2@partner.com',
    ];
    for (const project of ['HELP', 'VIP']) {
      const bulk = cli(['bulk', '--project', project, '--json'], { input: addresses.join('\n') });
      expect(bulk.status).toBe(0);
      const out = bulk.stdout.trim().split('\n');
      expect(out).toHaveLength(addresses.length);
      addresses.forEach((address, i) => {
        const check = cli(['check', address, '--project', project, '--json']);
        expect([project, JSON.parse(out[i])]).toEqual([project, JSON.parse(check.stdout)]);
      });
    }
  });

  test('reads standard input when FILE is absent or "-"', () => {
    for (const args of [['bulk'], ['bulk', '-']]) {
      const run = cli([...args, '--project', 'HELP', '--json'], {
        input: 'jane@acme.com\nbob@contractor.io\n',
      });
      expect(run.status).toBe(0);
      const emails = run.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { email: string }).email);
      expect(emails).toEqual(['jane@acme.com', 'bob@contractor.io']);
    }
  });

  test('a CSV with a header row and an email column (an email log export)', () => {
    const csv = [
      'Date,Email,Status',
      '2026-11-20,jane@acme.com,Processed',
      '2026-11-20,"Bob Stone <bob@contractor.io>",Rejected',
      '2026-11-21,sam@acme.com,Rejected',
    ].join('\n');
    const run = cli(['bulk', file('log.csv', csv), '--project', 'HELP', '--json']);
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { email: string; inbound: { verdict: string } });
    expect(out.map((d) => d.email)).toEqual(['jane@acme.com', 'bob@contractor.io', 'sam@acme.com']);
    expect(out.map((d) => d.inbound.verdict)).toEqual(['accepted', 'rejected', 'rejected']);
  });

  test('summary: counts by verdict, groups by cause with the log line, examples and a fix', () => {
    const run = cli(['bulk', '--project', 'HELP'], {
      input: ['jane@acme.com', 'bob@contractor.io', 'ann@contractor.io', 'oops', 'sam@acme.com'].join('\n'),
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Bulk check of 5 lines/);
    expect(run.stdout).toMatch(/^\s+1\s+Accepted$/m);
    expect(run.stdout).toMatch(/^\s+3\s+Rejected$/m);
    expect(run.stdout).toMatch(/^\s+1\s+Not an address$/m);
    expect(run.stdout).toMatch(/REJECTED \(2 addresses\) external-domain-not-listed/);
    expect(run.stdout).toMatch(/REJECTED \(1 address\) sender-suspended/);
    expect(run.stdout).toContain(`"${LOG_DOMAINS}"`);
    expect(run.stdout).toContain('bob@contractor.io, ann@contractor.io');
    expect(run.stdout).toMatch(/First fix: /);
    expect(run.stdout).toContain('oops');
  });

  test('a CSV without an email column: every line is checked as an address, and the summary says why', () => {
    const run = cli(['bulk', '--project', 'HELP'], { input: 'name,address\nJane,jane@acme.com\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\s+2\s+Not an address$/m);
    expect(run.stdout).toMatch(/CSV header without an email column/);
  });

  test('summary of unknowns: what the outcome turns on', () => {
    const snapshot = oneProjectSnapshot();
    delete snapshot.accounts;
    const path = file('unknown-bulk.json', JSON.stringify(snapshot));
    const run = cli(['bulk', '--snapshot', path], { input: 'a@partner.com\nb@partner.com\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\s+2\s+Unknown$/m);
    expect(run.stdout).toMatch(/^UNKNOWN \(2 addresses\)$/m);
    expect(run.stdout).toMatch(/turns on .*Account/);
  });

  test('a bad project or snapshot stops the run with exit 2', () => {
    expect(expectUsageError(cli(['bulk', '--project', 'NOPE'], { input: 'jane@acme.com\n' }))).toMatch(
      /NOPE/,
    );
    expectUsageError(cli(['bulk', '--snapshot', join(dir, 'missing.json')], { input: 'jane@acme.com\n' }));
    const bad = file('bad3.json', JSON.stringify({ format: 'something-else', version: 1 }));
    expect(expectUsageError(cli(['bulk', '--snapshot', bad], { input: 'a@b.com\n' }))).toMatch(/format/);
  });

  test('an address list that does not exist', () => {
    expect(expectUsageError(cli(['bulk', join(dir, 'nope.txt'), '--project', 'HELP']))).toMatch(/nope\.txt/);
  });

  test('empty input runs and reports nothing', () => {
    const run = cli(['bulk', '--project', 'HELP', '--json'], { input: '' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('matrix', () => {
  test('a table with exactly one row marked as the current settings', () => {
    const run = cli(['matrix', 'bob@contractor.io', '--project', 'HELP']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Internal/);
    expect(run.stdout).toMatch(/contractor\.io row/);
    const marked = run.stdout.split('\n').filter((l) => l.startsWith('▶'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/Rejected/);
  });

  test('--json: the rows, one current, matching check for the current row', () => {
    const m = json(cli(['matrix', 'bob@contractor.io', '--project', 'HELP', '--json'])) as {
      rows: { current: boolean; inbound: { verdict: string; causes: string[] }; invite: string }[];
    };
    const current = m.rows.filter((r) => r.current);
    expect(current).toHaveLength(1);
    const d = json(cli(['check', 'bob@contractor.io', '--project', 'HELP', '--json']));
    expect(current[0].inbound.verdict).toBe(inbound(d).verdict);
    expect(current[0].invite).toBe((d.invite as { notification: string }).notification);
  });

  test('a bad address or project: exit 2', () => {
    expectUsageError(cli(['matrix', 'nobody', '--project', 'HELP']));
    expectUsageError(cli(['matrix', 'bob@contractor.io', '--project', 'NOPE']));
  });
});

describe('help', () => {
  test('top level: the commands and examples, exit 0', () => {
    for (const args of [['--help'], []]) {
      const run = cli(args);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Usage: access-doctor/);
      for (const command of ['check', 'bulk', 'matrix']) expect(run.stdout).toContain(command);
      expect(run.stdout).toContain('Examples:');
    }
  });

  test.each([
    ['check', /Usage: access-doctor check \[options\] \[EMAIL\]/],
    ['bulk', /Usage: access-doctor bulk \[options\] \[FILE\]/],
    ['matrix', /Usage: access-doctor matrix \[options\] <EMAIL>/],
  ])('%s --help: usage, options and examples', (command, usage) => {
    const run = cli([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(usage);
    for (const option of ['--project', '--snapshot', '--json']) expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain(`npx access-doctor ${command}`);
  });
});

// A real terminal, through util-linux `script`, where it exists.
const script = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));
(script ? test : test.skip)('colour on a terminal, none with NO_COLOR set', () => {
  const command = `${process.execPath} ${BIN} check bob@contractor.io --project HELP`;
  const onTerminal = (noColor: string): string =>
    spawnSync(script as string, ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: noColor },
      timeout: 60_000,
    }).stdout;
  const coloured = onTerminal('');
  expect(coloured).toContain(ANSI);
  expect(coloured).toContain('REJECTED');
  const plain = onTerminal('1');
  expect(plain).not.toContain(ANSI);
  expect(plain).toContain('REJECTED');
});

(script ? test : test.skip)(
  'bulk with neither FILE nor piped input (a terminal): exit 2 saying what to give',
  () => {
    const run = spawnSync(
      script as string,
      ['-qec', `${process.execPath} ${BIN} bulk --project HELP`, '/dev/null'],
      {
        encoding: 'utf8',
        input: '',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/give a FILE, or pipe addresses/);
  },
);

/**
 * The diagnosis keys against the fake site: what the snapshot holds about the sender (only them, with
 * sources), bulk checks, and the cache of site-level reads.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import type { FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataCalls, dataOf, startFake, setApiKeyAndConfirmRoles } from './harness';
import { memory } from './kvs-memory';
import { parseSnapshot, sampleSnapshot } from '../../src/evaluator';

let fake: FakeAtlassian;
afterEach(() => fake.close());

async function enterSampleSettings(): Promise<void> {
  for (const payload of [
    { section: 'customerAccess', value: sampleSnapshot.customerAccess },
    { section: 'emailChannel', value: sampleSnapshot.emailChannel },
    { section: 'project', projectKey: 'HELP', value: { access: 'open' } },
    { section: 'project', projectKey: 'VIP', value: { access: 'restricted' } },
  ]) {
    dataOf(await call('saveSettings', payload));
  }
  await setApiKeyAndConfirmRoles(fake);
}

describe('diagnose', () => {
  beforeEach(async () => {
    fake = await startFake();
  });

  test('the snapshot holds only this sender, with where each fact came from', async () => {
    const answer = dataOf(await call('diagnose', { email: 'Jane@Acme.com', projectKey: 'VIP' }));
    expect(answer.email).toBe('jane@acme.com');
    expect(answer.project).toBe('VIP');
    const s = answer.snapshot!;
    expect(Object.keys(s.accounts ?? {})).toEqual(['jane@acme.com']);
    expect(s.accounts?.['jane@acme.com']).toMatchObject({
      type: 'atlassian',
      status: 'active',
      duplicate: false,
    });
    expect(s.projects).toEqual({
      VIP: { name: 'Executive support', portalAccessGrants: true, customers: ['jane@acme.com'] },
    });
    for (const section of [
      'accounts',
      'serviceDesks',
      'projects.VIP.customers',
      'projects.VIP.portalAccessGrants',
    ]) {
      expect({ section, source: s.sources?.[section] }).toMatchObject({
        section,
        source: { kind: 'live', at: expect.any(String) },
      });
    }
  });

  test('a sender with no account: accounts is known and empty, and not a customer', async () => {
    const s = dataOf(
      await call('diagnose', { email: 'new.person@partner.com', projectKey: 'HELP' }),
    ).snapshot!;
    expect(s.accounts).toEqual({});
    expect(s.projects?.HELP.customers).toEqual([]);
  });

  test('two accounts with one address are a duplicate; a portal-only account holds the Customer role', async () => {
    const lee = dataOf(await call('diagnose', { email: 'lee@partner.com', projectKey: 'HELP' })).snapshot!;
    expect(lee.accounts?.['lee@partner.com']).toMatchObject({ duplicate: true });
    const pat = dataOf(await call('diagnose', { email: 'pat@partner.com', projectKey: 'HELP' })).snapshot!;
    expect(pat.accounts?.['pat@partner.com']).toMatchObject({
      type: 'portal-only',
      customerRole: true,
      duplicate: false,
    });
  });

  test("without the org API key an inactive account is 'inactive' (Get all users) and its Customer role unknown", async () => {
    const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
    expect(sam.snapshot?.accounts?.['sam@acme.com']).toMatchObject({ status: 'inactive' });
    expect(sam.snapshot?.accounts?.['sam@acme.com']).not.toHaveProperty('customerRole');
    expect(sam.inbound.verdict).toBe('unknown');
  });

  test('with every fact known, a confident verdict: accepted, rejected with the email log text', async () => {
    await enterSampleSettings();
    const jane = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'VIP' }));
    expect(jane.inbound).toMatchObject({ verdict: 'accepted', account: 'existing' });
    const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
    expect(sam.inbound).toMatchObject({
      verdict: 'rejected',
      causes: ['sender-suspended'],
      log: "Email doesn't belong to domains allowed in customer access settings",
    });
    expect(jane.matrix?.rows.length).toBeGreaterThan(0);
    // contract.md §2: what `access-doctor check --json` prints, as the resolver answers it.
    const answer = JSON.parse(JSON.stringify(sam)) as Record<string, Record<string, unknown>>;
    expect(answer).toMatchObject({ email: 'sam@acme.com', project: 'HELP' });
    expect(Object.keys(answer.inbound)).toEqual(
      expect.arrayContaining(['verdict', 'account', 'log', 'causes', 'checks', 'fixes']),
    );
    expect(answer.inbound.account).toBeNull();
    expect(answer.invite).toHaveProperty('notification');
  });

  test("the message's headers, when given, turn on the email channel's filters", async () => {
    await enterSampleSettings();
    const bulk = dataOf(
      await call('diagnose', { email: 'jane@acme.com', projectKey: 'VIP', headers: { Precedence: 'bulk' } }),
    );
    expect(bulk.inbound).toMatchObject({ verdict: 'rejected', causes: ['bulk-mail'] });
    const plain = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'VIP', headers: {} }));
    expect(plain.inbound.verdict).toBe('accepted');
  });

  test('on the project settings page the project comes from the page', async () => {
    const answer = dataOf(await call('diagnose', { email: 'jane@acme.com' }, { page: { project: 'VIP' } }));
    expect(answer.project).toBe('VIP');
    expect(Object.keys(answer.snapshot?.projects ?? {})).toEqual(['VIP']);
  });
});

describe('customers of a restricted project', () => {
  const organizations = { VIP: [{ name: 'Partners', members: ['pat@partner.com'] }] };

  test('a member of a customer organization added to the project is one of its customers', async () => {
    fake = await startFake({ organizations });
    await enterSampleSettings();
    const pat = dataOf(await call('diagnose', { email: 'pat@partner.com', projectKey: 'VIP' }));
    expect(pat.snapshot?.projects?.VIP.customers).toEqual(['pat@partner.com']);
    expect(pat.inbound.verdict).toBe('accepted');
    const lee = dataOf(await call('diagnose', { email: 'new.person@partner.com', projectKey: 'VIP' }));
    expect(lee.snapshot?.projects?.VIP.customers).toEqual([]);
  });

  test('when the organizations cannot be read, membership is unknown, not "no"', async () => {
    fake = await startFake({ organizations });
    await enterSampleSettings();
    fake.setFaults([{ path: '/organization?', status: 500 }]);
    const pat = dataOf(await call('diagnose', { email: 'pat@partner.com', projectKey: 'VIP' }));
    expect(pat.snapshot?.projects?.VIP.customers).toBeUndefined();
    expect(pat.snapshot?.unreadable?.['projects.VIP.customers']).toMatch(
      /^could not read the customer organizations of VIP: Jira answered 500/,
    );
    expect(pat.inbound.verdict).toBe('unknown');
  });

  test('a customer the user search cannot find has an account of unknown kind', async () => {
    fake = await startFake();
    fake.data.desks[0].customers.push('hidden@partner.com');
    const answer = dataOf(await call('diagnose', { email: 'hidden@partner.com', projectKey: 'HELP' }));
    expect(answer.snapshot?.accounts).toBeUndefined();
    expect(answer.snapshot?.unreadable?.accounts).toMatch(
      /found none, yet hidden@partner.com is a customer of HELP/,
    );
    expect(answer.snapshot?.projects?.HELP.customers).toEqual(['hidden@partner.com']);
  });
});

describe('getSnapshot', () => {
  beforeEach(async () => {
    fake = await startFake();
    await enterSampleSettings();
  });

  test('a snapshot file the command line accepts (contract.md §1), without any sender', async () => {
    const snapshot = dataOf(await call('getSnapshot', {}));
    expect(() => parseSnapshot(JSON.parse(JSON.stringify(snapshot)))).not.toThrow();
    expect(snapshot).toMatchObject({
      format: 'customer-access-doctor/snapshot',
      version: 1,
      site: { url: 'https://acme-support.atlassian.net' },
      customerAccess: sampleSnapshot.customerAccess,
      // Only the Any domain row: a domain's own row is read when an address is checked.
      approvedDomains: { anyDomain: 'customer' },
      emailChannel: sampleSnapshot.emailChannel,
    });
    expect(snapshot.approvedDomains?.domains).toBeUndefined();
    expect(Object.keys(snapshot.projects ?? {})).toEqual(['HELP', 'VIP']);
    expect(snapshot.accounts).toBeUndefined();
  });

  test('one project when the admin names it', async () => {
    const snapshot = dataOf(await call('getSnapshot', { projectKey: 'VIP' }));
    expect(snapshot.projects).toEqual({
      VIP: { name: 'Executive support', access: 'restricted', portalAccessGrants: true },
    });
  });
});

describe('diagnoseBulk', () => {
  beforeEach(async () => {
    fake = await startFake();
    await enterSampleSettings();
  });

  test('every line in input order, a bad line reported without stopping the run', async () => {
    const report = dataOf(
      await call('diagnoseBulk', {
        text: 'jane@acme.com\nnot an address\nsam@acme.com\njane@acme.com\n',
        projectKey: 'VIP',
      }),
    );
    expect(report.lines.map((l) => l.input)).toEqual([
      'jane@acme.com',
      'not an address',
      'sam@acme.com',
      'jane@acme.com',
    ]);
    expect(report.lines.map((l) => ('diagnosis' in l ? l.diagnosis.inbound.verdict : 'error'))).toEqual([
      'accepted',
      'error',
      'rejected',
      'accepted',
    ]);
    // Addresses are counted once: the second jane@acme.com is a repeat.
    expect(report.counts).toMatchObject({ accepted: 1, rejected: 1, invalid: 1 });
    expect(report.repeated).toBe(1);
    // One search per distinct address.
    expect(
      fake.calls.filter((c) => c.path === '/rest/api/3/user/search' && c.query.query === 'jane@acme.com'),
    ).toHaveLength(1);
  });

  test("a sender whose lookup fails is unknown; the others' verdicts are unaffected", async () => {
    fake.setFaults([{ path: 'query=sam%40acme.com', status: 500 }]);
    const report = dataOf(
      await call('diagnoseBulk', { text: 'sam@acme.com\njane@acme.com\n', projectKey: 'HELP' }),
    );
    expect(report.lines.map((l) => ('diagnosis' in l ? l.diagnosis.inbound.verdict : 'error'))).toEqual([
      'unknown',
      'accepted',
    ]);
    expect(report.counts).toMatchObject({ accepted: 1, unknown: 1 });
    expect(report.groups.reduce((n, g) => n + g.count, 0)).toBe(2);
  });
});

describe('caching of site-level reads', () => {
  beforeEach(async () => {
    fake = await startFake();
  });

  const siteReads = (paths: string[]) =>
    paths.filter(
      (p) =>
        (p.startsWith('/rest/servicedeskapi/servicedesk') && !p.endsWith('/customer')) ||
        p.endsWith('/permissionscheme') ||
        p.includes('app-access-settings'),
    );

  test('a warm cache reads only the sender; refresh and the time-to-live read the site again', async () => {
    await setApiKeyAndConfirmRoles(fake);
    fake.calls.length = 0;
    dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' }));
    fake.calls.length = 0;
    dataOf(await call('diagnose', { email: 'pat@partner.com', projectKey: 'HELP' }));
    // Only the sender's own lookups: their domain's row, the directory (twice: status, Customer role), Jira.
    expect(dataCalls(fake).sort()).toEqual(
      [
        '/admin/v2/orgs/fake-org-0001/app-access-settings/domains/partner.com',
        '/admin/v2/orgs/fake-org-0001/directories/-/users/search',
        '/admin/v2/orgs/fake-org-0001/directories/-/users/search',
        '/rest/api/3/user/search',
      ].sort(),
    );

    fake.calls.length = 0;
    dataOf(await call('refresh', {}));
    expect(siteReads(dataCalls(fake))).toContain('/rest/servicedeskapi/servicedesk');
    fake.calls.length = 0;
    for (const [key, value] of memory.values) {
      if (key.startsWith('cache:') && typeof value === 'object')
        (value as { at: string }).at = new Date(Date.now() - 61 * 60_000).toISOString();
    }
    dataOf(await call('diagnose', { email: 'pat@partner.com', projectKey: 'HELP' }));
    expect(siteReads(dataCalls(fake))).toContain('/rest/servicedeskapi/servicedesk/HELP');
    expect(siteReads(dataCalls(fake))).toContain('/rest/api/3/project/HELP/permissionscheme');
  });

  test('storage failing for the cache only costs the cache: the answer is read live', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    memory.failing = /^cache:\d+:/;
    const answer = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' }));
    expect(answer.snapshot?.projects?.HELP).toMatchObject({ name: 'IT Help desk', portalAccessGrants: true });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  test('a failed read is not cached', async () => {
    fake.setFaults([{ path: '/permissionscheme', status: 500, times: 1 }]);
    const first = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' }));
    expect(first.snapshot?.projects?.HELP.portalAccessGrants).toBeUndefined();
    const second = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' }));
    expect(second.snapshot?.projects?.HELP.portalAccessGrants).toBe(true);
  });

  test('independent reads run together: a cold diagnosis is two round trips deep after the permission check', async () => {
    await setApiKeyAndConfirmRoles(fake);
    dataOf(await call('refresh', {}));
    for (const key of [...memory.values.keys()]) if (key.startsWith('cache:')) memory.values.delete(key);
    const latency = 400;
    fake.setLatency(latency);
    fake.calls.length = 0;
    dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' }));
    // The permission check, then round 1 (search, customers, desk, grants, domain rows, directory),
    // then round 2 (application roles): every call starts within two latencies of the first.
    const [first, ...rest] = fake.calls.map((c) => c.at);
    expect(rest.length).toBeGreaterThanOrEqual(8);
    const rounds = new Set(rest.map((at) => Math.round((at - first) / latency)));
    expect([...rounds].sort()).toEqual([1, 2]);
  });
});

test('a large site: the overview reads at most 50 permission schemes and says so once', async () => {
  const projects: Record<string, { name: string }> = {};
  for (let i = 0; i < 60; i++) projects[`P${i}`] = { name: `Project ${i}` };
  fake = await startFake({ snapshot: { ...sampleSnapshot, projects } });
  const state = dataOf(await call('getAppState', {}));
  expect(Object.keys(state.snapshot.projects ?? {})).toHaveLength(60);
  expect(fake.calls.filter((c) => c.path.endsWith('/permissionscheme'))).toHaveLength(50);
  expect(state.snapshot.projects?.P59).toEqual({ name: 'Project 59' });
  expect(state.unreadable).toEqual({
    projects:
      'the permission schemes of 10 more service projects were not read (at most 50 at a time); diagnosing an address on a project reads its scheme',
  });
  const p59 = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'P59' }));
  expect(p59.snapshot?.projects?.P59.portalAccessGrants).toBe(true);
});

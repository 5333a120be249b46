/**
 * Atlassian as it really behaves (domain.md §4), through the real handler and the real @forge/api:
 * a search miss is never "no account", a caller without Browse users sees no users, emails may be
 * hidden, customers come in pages, approved domains are read one row at a time, and an id the app does
 * not recognise is unknown. Each test asserts what the person checking an address would see.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import {
  FAKE_JIRA_ADMIN,
  FAKE_PROJECT_ADMIN,
  type FakeAtlassian,
  type FakeOptions,
} from '../../dev/fake-atlassian';
import { domainRow } from '../../dev/fake-atlassian/seed';
import { call, dataOf, startFake, setApiKeyAndConfirmRoles } from './harness';
import { memory } from './kvs-memory';
import { diagnose, parseSnapshot, sampleSnapshot, type Snapshot } from '../../src/evaluator';

let fake: FakeAtlassian;
afterEach(() => fake.close());

async function start(options: FakeOptions = {}, withKey = false): Promise<void> {
  fake = await startFake(options);
  for (const payload of [
    { section: 'customerAccess', value: sampleSnapshot.customerAccess },
    { section: 'emailChannel', value: sampleSnapshot.emailChannel },
    { section: 'project', projectKey: 'HELP', value: { access: 'open' } },
    { section: 'project', projectKey: 'VIP', value: { access: 'restricted' } },
  ]) {
    dataOf(await call('saveSettings', payload));
  }
  // Without the key, approved domains are entered (no Forge-native read gives them).
  if (withKey) await setApiKeyAndConfirmRoles(fake);
  else
    dataOf(await call('saveSettings', { section: 'approvedDomains', value: sampleSnapshot.approvedDomains }));
}

const text = (x: unknown) => JSON.stringify(x);

/** A saved snapshot answers as the live site did. */
function expectSnapshotAnswersTheSame(answer: {
  email: string;
  project: string | null;
  inbound: { verdict: string; causes: string[] };
  snapshot?: Snapshot;
}) {
  const saved = parseSnapshot(JSON.parse(JSON.stringify(answer.snapshot)));
  const again = diagnose(saved, answer.email, { project: answer.project ?? undefined });
  expect(again.inbound.verdict).toBe(answer.inbound.verdict);
  expect(again.inbound.causes).toEqual(answer.inbound.causes);
}

describe('a suspended sender', () => {
  test('with the organization key: rejected, sender-suspended, from the Admin API directory', async () => {
    await start({}, true);
    const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
    expect(sam.inbound.verdict).toBe('rejected');
    expect(sam.inbound.causes).toContain('sender-suspended');
    expect(sam.inbound.log).toBe("Email doesn't belong to domains allowed in customer access settings");
    expect(sam.snapshot?.sources?.accounts).toMatchObject({
      kind: 'live',
      read: expect.stringContaining('Admin API'),
    });
    expect(fake.calls.some((c) => c.path.includes('/admin/v1/'))).toBe(false);
    expectSnapshotAnswersTheSame(sam);
  });

  test('without the key: never accepted; unknown, naming the status and that an organization API key settles it', async () => {
    await start();
    const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
    expect(sam.inbound.verdict).toBe('unknown');
    expect(sam.inbound.turnsOn).toContain('accounts[sender].status');
    const status = sam.inbound.checks.find((k) => k.id === 'account-status');
    expect(text(status)).toContain('suspended');
    expect(text(status)).toContain('organization API key');
    expect(fake.calls.some((c) => c.path === '/rest/api/3/users/search')).toBe(true);
    expectSnapshotAnswersTheSame(sam);
  });

  test('without the key, hidden emails among inactive accounts: existence stays open, never "no account"', async () => {
    await start({ emails: { 'sam@acme.com': 'null' } });
    const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
    expect(sam.inbound.verdict).toBe('unknown');
    expect(sam.snapshot?.accounts?.['sam@acme.com']).toEqual({ lookup: 'no-active-account' });
    expect(text(sam.inbound.checks)).toContain('Jira shows no active account with this address');
    expect(text(sam.inbound.checks)).toContain('organization API key');
    expectSnapshotAnswersTheSame(sam);
  });
});

test('"Get all users" is read once an hour, not per diagnosis', async () => {
  await start();
  dataOf(await call('diagnose', { email: 'new.one@acme.com', projectKey: 'HELP' }));
  dataOf(await call('diagnose', { email: 'new.two@acme.com', projectKey: 'HELP' }));
  expect(fake.calls.filter((c) => c.path === '/rest/api/3/users/search')).toHaveLength(1);
});

test('a caller without Browse users and groups: the account is unknown, and the answer says why', async () => {
  await start({ callers: { [FAKE_JIRA_ADMIN]: { jiraAdmin: true, browseUsers: false } } });
  const answer = dataOf(await call('diagnose', { email: 'new.person@acme.com', projectKey: 'HELP' }));
  expect(answer.inbound.verdict).toBe('unknown');
  expect(answer.snapshot?.accounts).toBeUndefined();
  expect(answer.snapshot?.unreadable?.accounts).toContain('"Browse users and groups"');
  expect(text(answer.inbound.checks)).toContain('Browse users and groups');
  // No round trip spent on a search Jira would answer with [].
  expect(fake.calls.some((c) => c.path === '/rest/api/3/user/search')).toBe(false);
  const permissions = fake.calls.filter((c) => c.path === '/rest/api/3/mypermissions');
  expect(permissions.at(-1)?.query.permissions).toContain('USER_PICKER');
});

test('hidden emails: a user search hit with a null address leaves the account unknown, not broken', async () => {
  await start({ hideEmails: true });
  const answer = await call('diagnose', { email: 'jane@acme.com', projectKey: 'VIP' });
  expect(answer.ok).toBe(true);
  const jane = dataOf(answer);
  expect(jane.inbound.verdict).toBe('unknown');
  expect(jane.snapshot?.unreadable?.accounts).toContain('hid the email address');
  expect(jane.snapshot?.projects?.VIP.customers).toBeUndefined();
});

test('120 customers: every page is read, and the 120th is a customer of the Restricted project', async () => {
  const customers = Array.from({ length: 120 }, (_, i) => `c${String(i + 1).padStart(3, '0')}@partner.com`);
  const accounts: Snapshot['accounts'] = { ...sampleSnapshot.accounts };
  for (const c of customers)
    accounts[c] = { type: 'portal-only', status: 'active', customerRole: true, duplicate: false };
  await start({
    snapshot: {
      ...sampleSnapshot,
      accounts,
      projects: { ...sampleSnapshot.projects, VIP: { ...sampleSnapshot.projects!.VIP, customers } },
    },
  });
  const last = dataOf(await call('diagnose', { email: 'c120@partner.com', projectKey: 'VIP' }));
  expect(last.inbound.verdict).toBe('accepted');
  expect(last.snapshot?.projects?.VIP.customers).toEqual(['c120@partner.com']);
  const pages = fake.calls.filter((c) => c.path.endsWith('/VIP/customer'));
  expect(pages.map((c) => c.query.start)).toEqual(['0', '50', '100']);
});

test('1,000 approved domains: a cold diagnosis makes at most 6 Admin API calls, 2 round trips deep', async () => {
  const domains: Record<string, 'customer' | 'none'> = {
    ...sampleSnapshot.approvedDomains!.domains,
  } as never;
  for (let i = 0; i < 1000; i++) domains[`d${i}.example`] = i % 2 ? 'customer' : 'none';
  await start({ snapshot: { ...sampleSnapshot, approvedDomains: { domains, anyDomain: 'none' } } }, true);
  for (const key of [...memory.values.keys()]) if (key.startsWith('cache:')) memory.values.delete(key);
  const latency = 150;
  fake.setLatency(latency);
  fake.calls.length = 0;
  const answer = dataOf(await call('diagnose', { email: 'ann@d999.example', projectKey: 'HELP' }));
  expect(answer.inbound).toMatchObject({ verdict: 'accepted', account: 'atlassian-account' });
  const admin = fake.calls.filter((c) => c.path.startsWith('/admin/'));
  expect(admin.length).toBeLessThanOrEqual(6);
  const first = fake.calls[0].at;
  const depth = new Set(admin.map((c) => Math.round((c.at - first) / latency)));
  expect(Math.max(...depth)).toBeLessThanOrEqual(2);
  // The project page never sees the organization's list.
  const project = dataOf(
    await call(
      'diagnose',
      { email: 'ann@d998.example' },
      { page: { project: 'HELP' }, accountId: FAKE_PROJECT_ADMIN },
    ),
  );
  expect(Object.keys(project.snapshot?.approvedDomains?.domains ?? {}).length).toBeLessThanOrEqual(1);
});

test('unrecognised product ids: the role is unknown and shown with its raw id, never None', async () => {
  await start({}, true);
  const odd = domainRow('odd.io', 'none');
  odd.products = [
    {
      productId: 'ari:cloud:jira-servicedesk::app/all',
      accessMode: 'DIRECT_ACCESS',
      defaultRole: 'ari:cloud:jira-servicedesk::role/mystery',
    },
  ];
  fake.data.domains.push(odd);
  const answer = dataOf(await call('diagnose', { email: 'ann@odd.io', projectKey: 'HELP' }));
  expect(answer.snapshot?.approvedDomains?.unrecognised).toEqual({
    'odd.io': 'ari:cloud:jira-servicedesk::app/all ari:cloud:jira-servicedesk::role/mystery (DIRECT_ACCESS)',
  });
  expect(answer.snapshot?.approvedDomains?.domains).toEqual({});
  // External is on with a list that excludes odd.io: the role alone decides, and it is unknown.
  expect(answer.inbound.verdict).toBe('unknown');
  expect(answer.inbound.turnsOn).toContain('approvedDomains');
  expect(text(answer.inbound.checks)).toContain('ari:cloud:jira-servicedesk::role/mystery');
  expectSnapshotAnswersTheSame(answer);
});

test('the project page reads one service desk, not the list', async () => {
  await start();
  fake.calls.length = 0;
  dataOf(await call('diagnose', { email: 'jane@acme.com' }, { page: { project: 'VIP' } }));
  const desks = fake.calls.filter(
    (c) => c.path.startsWith('/rest/servicedeskapi/servicedesk') && !/customer|organization/.test(c.path),
  );
  expect(desks.map((c) => c.path)).toEqual(['/rest/servicedeskapi/servicedesk/VIP']);
});

test('an unknown fact is never labelled read live', async () => {
  await start();
  const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
  const facts = sam.inbound.checks.find((k) => k.id === 'account-status')?.facts ?? [];
  const status = facts.find((f) => f.fact === 'accounts[sender].status');
  expect(status).toBeDefined();
  expect(status).not.toHaveProperty('value');
  expect(status).not.toHaveProperty('source');
  // The account's type was read: it says which reads.
  expect(facts.find((f) => f.fact === 'accounts[sender].type')?.source).toMatch(/read live .*Get all users/);
});

test('a project with more customers than the whole-list read takes: Atlassian is asked for those matching the address', async () => {
  const customers = Array.from({ length: 45 }, (_, i) => `c${String(i + 1).padStart(3, '0')}@partner.com`);
  const accounts: Snapshot['accounts'] = { ...sampleSnapshot.accounts };
  for (const c of customers)
    accounts[c] = { type: 'portal-only', status: 'active', customerRole: true, duplicate: false };
  // One customer a page: the 40 pages the whole-list read takes hold 40 of the 45.
  await start({
    customerPageLimit: 1,
    snapshot: {
      ...sampleSnapshot,
      accounts,
      projects: { ...sampleSnapshot.projects, VIP: { ...sampleSnapshot.projects!.VIP, customers } },
    },
  });
  const last = dataOf(await call('diagnose', { email: 'c045@partner.com', projectKey: 'VIP' }));
  expect(last.inbound.verdict).toBe('accepted');
  expect(
    fake.calls.filter((c) => c.path.endsWith('/VIP/customer') && c.query.query === 'c045@partner.com'),
  ).toHaveLength(1);
});

test('a bulk check reads each distinct domain row once', async () => {
  await start({}, true);
  for (const key of [...memory.values.keys()]) if (key.startsWith('cache:')) memory.values.delete(key);
  fake.calls.length = 0;
  const report = dataOf(
    await call('diagnoseBulk', {
      text: 'a@odd.example\nb@odd.example\nc@acme.com\nd@acme.com\nsam@acme.com\n',
      projectKey: 'HELP',
    }),
  );
  expect(report.lines).toHaveLength(5);
  const rows = fake.calls
    .filter((c) => c.path.includes('/app-access-settings/domains/'))
    .map((c) => c.path.split('/').pop());
  expect(rows.sort()).toEqual(['ANYONE', 'acme.com', 'odd.example']);
  expect(fake.calls.some((c) => c.path.endsWith('/app-access-settings/domains'))).toBe(false);
});

test('senders checked together share one read of the customers and of "Get all users"', async () => {
  await start();
  for (const key of [...memory.values.keys()]) if (key.startsWith('cache:')) memory.values.delete(key);
  fake.calls.length = 0;
  const addresses = Array.from({ length: 12 }, (_, i) => `new${i}@acme.com`).join('\n');
  const report = dataOf(await call('diagnoseBulk', { text: addresses, projectKey: 'VIP' }));
  expect(report.lines).toHaveLength(12);
  expect(fake.calls.filter((c) => c.path === '/rest/api/3/users/search')).toHaveLength(1);
  expect(fake.calls.filter((c) => c.path.endsWith('/VIP/customer'))).toHaveLength(1);
  expect(fake.calls.filter((c) => c.path === '/rest/api/3/user/search')).toHaveLength(12);
});

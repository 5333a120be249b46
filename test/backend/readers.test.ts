/**
 * Each reader with the real @forge/api against the fake Atlassian API, and the HTTP layer's handling of
 * Atlassian's failures. Requests are checked against the OpenAPI excerpt (paths, query parameters).
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import { JSM_ROLE_ID } from '../../dev/fake-atlassian/seed';
import {
  FAKE_API_KEY,
  FAKE_JIRA_ADMIN,
  FAKE_ORG_ID,
  runAs,
  type FakeAtlassian,
} from '../../dev/fake-atlassian';
import { call, startFake } from './harness';
// After the fake (its fetch router must be installed before @forge/api loads).
import { route } from '@forge/api';
import excerpt from '../../dev/fake-atlassian/openapi-excerpt.json';
import { ReadError } from '../../src/backend/errors';
import { Http, httpSettings } from '../../src/backend/http';
import { readApplicationRoles } from '../../src/backend/readers/applicationRoles';
import { readApprovedDomains, readDomainRow } from '../../src/backend/readers/approvedDomains';
import { isInProjectOrganization } from '../../src/backend/readers/customerOrganizations';
import { CUSTOMER_ROLE_ID, searchDirectoryUsers } from '../../src/backend/readers/directoryUsers';
import { readPortalAccessGrants } from '../../src/backend/readers/portalGrants';
import { readProjectCustomers } from '../../src/backend/readers/projectCustomers';
import { readServiceDesks } from '../../src/backend/readers/serviceDesks';
import { findJiraUsers } from '../../src/backend/readers/userSearch';
import { sampleSnapshot, type Snapshot } from '../../src/evaluator';

let fake: FakeAtlassian;
const asAdmin = <T>(fn: (http: Http) => Promise<T>) => runAs(FAKE_JIRA_ADMIN, () => fn(new Http()));

async function failure(promise: Promise<unknown>): Promise<ReadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

afterEach(async () => {
  await fake?.close();
  httpSettings.timeoutMs = 8_000;
});

describe('readers', () => {
  test('service desks: every page of the list', async () => {
    const projects: Snapshot['projects'] = {};
    for (let i = 0; i < 150; i++) projects[`P${i}`] = { name: `Project ${i}` };
    fake = await startFake({ snapshot: { ...sampleSnapshot, projects } });
    const desks = await asAdmin(readServiceDesks);
    expect(desks).toHaveLength(150);
    expect(desks[149]).toEqual({
      id: '150',
      projectId: '10149',
      projectKey: 'P149',
      projectName: 'Project 149',
    });
    expect(fake.calls.map((c) => c.query.start)).toEqual(['0', '100']);
  });

  test('user search: exact address in any case, not a longer address that starts with it', async () => {
    fake = await startFake({
      snapshot: {
        ...sampleSnapshot,
        accounts: { 'jane@acme.com': { type: 'atlassian' }, 'jane@acme.com.au': { type: 'atlassian' } },
      },
    });
    const found = await asAdmin((http) => findJiraUsers(http, 'JANE@Acme.com'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ accountType: 'atlassian', active: true });
    expect(await asAdmin((http) => findJiraUsers(http, 'nobody@acme.com'))).toEqual([]);
  });

  test('user search: hidden email addresses leave the account unknown instead of "no account"', async () => {
    fake = await startFake({ hideEmails: true });
    const error = await failure(asAdmin((http) => findJiraUsers(http, 'jane@acme.com')));
    expect(error.message).toMatch(/^could not read the sender's account .*hid the email address/);
  });

  test('application roles: an agent licence shows as jira-servicedesk', async () => {
    fake = await startFake({ agents: ['jane@acme.com'] });
    const jane = await asAdmin((http) => findJiraUsers(http, 'jane@acme.com'));
    const roles = await asAdmin((http) => readApplicationRoles(http, jane[0].accountId));
    expect(roles).toContain('jira-servicedesk');
    expect(fake.calls.at(-1)?.query).toMatchObject({ expand: 'applicationRoles' });
  });

  test("project customers: every page, with the experimental API's opt-in header, the project key as service desk", async () => {
    fake = await startFake();
    const help = await asAdmin((http) => readProjectCustomers(http, 'HELP'));
    expect(help).toMatchObject({ emails: ['jane@acme.com', 'pat@partner.com'], hidden: 0, complete: true });
    expect(fake.calls.map((c) => c.path)).toEqual(['/rest/servicedeskapi/servicedesk/HELP/customer']);
  });

  test('customer organizations: whether an account belongs to one added to the project', async () => {
    fake = await startFake({ organizations: { VIP: [{ name: 'Partners', members: ['pat@partner.com'] }] } });
    const [pat] = await asAdmin((http) => findJiraUsers(http, 'pat@partner.com'));
    const [jane] = await asAdmin((http) => findJiraUsers(http, 'jane@acme.com'));
    expect(await asAdmin((http) => isInProjectOrganization(http, 'VIP', pat.accountId))).toBe(true);
    expect(await asAdmin((http) => isInProjectOrganization(http, 'VIP', jane.accountId))).toBe(false);
    expect(await asAdmin((http) => isInProjectOrganization(http, 'HELP', pat.accountId))).toBe(false);
  });

  test('portal access grants: both Browse Projects and Create Issues for Portal Access', async () => {
    fake = await startFake({
      snapshot: {
        ...sampleSnapshot,
        projects: { HELP: { portalAccessGrants: true }, VIP: { portalAccessGrants: false } },
      },
    });
    expect(await asAdmin((http) => readPortalAccessGrants(http, 'HELP'))).toBe(true);
    expect(await asAdmin((http) => readPortalAccessGrants(http, 'VIP'))).toBe(false);
  });

  test('approved domains: one row per call; a domain that is not listed is not listed; ANYONE is Any domain', async () => {
    fake = await startFake();
    // What a Jira admin confirmed the fake's Jira Service Management role ids mean.
    const confirmed = { [JSM_ROLE_ID.customer]: 'customer', [JSM_ROLE_ID.user]: 'user' } as const;
    const row = (d: string) =>
      asAdmin((http) => readDomainRow(http, FAKE_ORG_ID, FAKE_API_KEY, d, confirmed));
    expect(await row('acme.com')).toEqual({ domain: 'acme.com', listed: true, role: 'customer' });
    // Only Atlassian's published example (Jira's member role): no Jira Service Management role.
    expect(await row('contractor.io')).toEqual({ domain: 'contractor.io', listed: true, role: 'none' });
    expect(await row('elsewhere.org')).toEqual({ domain: 'elsewhere.org', listed: false });
    expect(await row('ANYONE')).toEqual({ domain: 'ANYONE', listed: true, role: 'customer' });
    expect(fake.calls).toHaveLength(4);
    // Unconfirmed, the same row's Jira Service Management id is unknown, never None.
    const unconfirmed = await asAdmin((http) => readDomainRow(http, FAKE_ORG_ID, FAKE_API_KEY, 'acme.com'));
    expect(unconfirmed.role).toBeUndefined();
    expect(unconfirmed.unrecognised).toContain(JSM_ROLE_ID.customer);
  });

  test('approved domains: an id or access mode this app does not know is unrecognised, with its raw value', async () => {
    fake = await startFake();
    fake.data.domains[0].products = [
      { productId: 'ari:cloud:jira-servicedesk::app/all', accessMode: 'ADMIN_APPROVAL', defaultRole: 'x' },
      { productId: 'ari:cloud:confluence::app/all', accessMode: 'DIRECT_ACCESS', defaultRole: 'y' },
    ];
    const row = await asAdmin((http) =>
      readDomainRow(http, FAKE_ORG_ID, FAKE_API_KEY, fake.data.domains[0].domain),
    );
    expect(row.role).toBeUndefined();
    expect(row.unrecognised).toContain('ADMIN_APPROVAL');
    expect(row.unrecognised).toContain('ari:cloud:confluence::app/all y');
    const confirmed = await asAdmin((http) =>
      readDomainRow(http, FAKE_ORG_ID, FAKE_API_KEY, fake.data.domains[0].domain, {
        y: 'none',
        x: 'customer',
      }),
    );
    // An admin's confirmation of a raw role id; a mode other than direct access stays unrecognised.
    expect(confirmed.unrecognised).toContain('ADMIN_APPROVAL');
    expect(confirmed.unrecognised).not.toContain('confluence');
  });

  test('Admin API directory (v2 search by emails): a suspended user, and the Customer role filter', async () => {
    fake = await startFake();
    const [sam] = await asAdmin((http) =>
      searchDirectoryUsers(http, FAKE_ORG_ID, FAKE_API_KEY, 'sam@acme.com'),
    );
    expect(sam).toMatchObject({
      status: 'suspended',
      membershipStatus: 'suspended',
      accountStatus: 'active',
    });
    expect(fake.calls[0]).toMatchObject({
      method: 'POST',
      path: `/admin/v2/orgs/${FAKE_ORG_ID}/directories/-/users/search`,
      body: { emails: ['sam@acme.com'] },
    });
    const alex = await asAdmin((http) =>
      searchDirectoryUsers(http, FAKE_ORG_ID, FAKE_API_KEY, 'alex@acme-labs.com', [CUSTOMER_ROLE_ID]),
    );
    expect(alex).toEqual([]);
  });
});

describe('failures of a read name the read and the answer', () => {
  const read = (http: Http) => findJiraUsers(http, 'jane@acme.com');
  const cases: [string, object, RegExp][] = [
    ['401', { status: 401 }, /Jira answered 401 Unauthorized/],
    [
      '403',
      { status: 403, body: '{"errorMessages":["You are not allowed"]}' },
      /Jira answered 403 Forbidden \(You are not allowed\)/,
    ],
    ['404', { status: 404 }, /Jira answered 404 Not Found/],
    ['500', { status: 500 }, /Jira answered 500 Internal Server Error/],
    ['malformed JSON', { status: 200, body: '[{"accountId": ' }, /Jira answered with malformed JSON/],
    ['an unexpected form', { status: 200, body: '{"values": []}' }, /Jira answered in an unexpected form/],
    [
      '429 beyond the time left',
      { status: 429, headers: { 'Retry-After': '60' } },
      /429 Too Many Requests 1 time and asked to wait 60 s/,
    ],
  ];
  test.each(cases)('%s', async (_name, fault, message) => {
    fake = await startFake({ faults: [{ path: '/rest/api/3/user/search', ...fault }] });
    const error = await failure(asAdmin(read));
    expect(error.message).toMatch(/^could not read the sender's account \(Jira user search\): /);
    expect(error.message).toMatch(message);
  });

  test('a timeout', async () => {
    httpSettings.timeoutMs = 200;
    fake = await startFake({ faults: [{ path: '/rest/api/3/user/search', hang: true }] });
    const error = await failure(asAdmin(read));
    expect(error.message).toMatch(/Jira did not answer within 0\.2 s/);
  });

  test('429 with a short Retry-After is retried', async () => {
    fake = await startFake({
      faults: [{ path: '/rest/api/3/user/search', status: 429, headers: { 'Retry-After': '1' }, times: 1 }],
    });
    const started = Date.now();
    expect(await asAdmin(read)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  test('429 again and again: given up after three attempts, within the budget', async () => {
    fake = await startFake({
      faults: [{ path: '/rest/api/3/user/search', status: 429, headers: { 'Retry-After': '0.2' } }],
    });
    const error = await failure(asAdmin(read));
    expect(error.message).toMatch(/answered 429 Too Many Requests 3 times; gave up/);
    expect(fake.calls).toHaveLength(3);
  });

  test('the Admin API key is refused', async () => {
    fake = await startFake();
    const error = await failure(
      asAdmin((http) => readApprovedDomains(http, FAKE_ORG_ID, 'wrong-key-0123456789')),
    );
    expect(error.message).toBe(
      'could not read the approved domains (Admin API): the Admin API answered 401 Unauthorized (Unauthorized)',
    );
  });
});

test('every Jira request follows the OpenAPI description: known path, known query parameters', async () => {
  fake = await startFake();
  await call('getAppState', {});
  await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' });
  await call('diagnose', { email: 'pat@partner.com', projectKey: 'VIP' });
  const jira = fake.calls.filter((c) => c.path.startsWith('/rest/'));
  expect(jira.length).toBeGreaterThan(5);
  expect(jira.some((c) => c.path.endsWith('/organization'))).toBe(true);
  for (const c of jira) {
    const op = excerpt.operations.find(
      (o) => o.method === c.method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(c.path),
    );
    expect({ path: c.path, known: !!op }).toEqual({ path: c.path, known: true });
    const allowed = new Set(op!.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of Object.keys(c.query))
      expect({ path: c.path, name, allowed: allowed.has(name) }).toMatchObject({ allowed: true });
  }
});

test('a path the fake does not serve answers 404 and is recorded: the harness fails the test that called it', async () => {
  fake = await startFake();
  const error = await failure(asAdmin((http) => http.jira('the server info', route`/rest/api/3/serverInfo`)));
  expect(error.status).toBe(404);
  expect(fake.unknown.map((c) => c.path)).toEqual(['/rest/api/3/serverInfo']);
  const admin = await failure(
    asAdmin((http) =>
      http.admin('the users (v1)', `/admin/v1/orgs/${FAKE_ORG_ID}/users/search`, FAKE_API_KEY, {
        method: 'POST',
        body: {},
      }),
    ),
  );
  expect(admin.status).toBe(404);
  expect(fake.unknown).toHaveLength(2);
  // This test made those calls on purpose: clear them so that the harness does not fail it.
  fake.unknown.length = 0;
});

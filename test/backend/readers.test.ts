/**
 * Each reader with the real @forge/api against the fake Atlassian API, and the HTTP layer's handling of
 * Atlassian's failures. Requests are checked against the OpenAPI excerpt (paths, query parameters).
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import {
  FAKE_API_KEY,
  FAKE_JIRA_ADMIN,
  FAKE_ORG_ID,
  runAs,
  type FakeAtlassian,
} from '../../dev/fake-atlassian';
import { call, startFake } from './harness';
import excerpt from '../../dev/fake-atlassian/openapi-excerpt.json';
import { ReadError } from '../../src/backend/errors';
import { Http, httpSettings } from '../../src/backend/http';
import { readApplicationRoles } from '../../src/backend/readers/applicationRoles';
import { readApprovedDomains } from '../../src/backend/readers/approvedDomains';
import { isInProjectOrganization } from '../../src/backend/readers/customerOrganizations';
import { searchAdminUsers } from '../../src/backend/readers/directoryUsers';
import { readPortalAccessGrants } from '../../src/backend/readers/portalGrants';
import { isProjectCustomer } from '../../src/backend/readers/projectCustomers';
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

  test("project customers: by exact address, with the experimental API's opt-in header, the project key as service desk", async () => {
    fake = await startFake();
    expect(await asAdmin((http) => isProjectCustomer(http, 'HELP', 'Pat@Partner.com'))).toBe(true);
    expect(await asAdmin((http) => isProjectCustomer(http, 'VIP', 'pat@partner.com'))).toBe(false);
    expect(fake.calls.map((c) => c.path)).toEqual([
      '/rest/servicedeskapi/servicedesk/HELP/customer',
      '/rest/servicedeskapi/servicedesk/VIP/customer',
    ]);
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

  test('approved domains: each row and ANYONE as Any domain, over several pages', async () => {
    const domains: Record<string, 'customer' | 'none'> = { 'acme.com': 'customer', 'contractor.io': 'none' };
    for (let i = 0; i < 120; i++) domains[`d${i}.example`] = 'none';
    fake = await startFake({
      snapshot: { ...sampleSnapshot, approvedDomains: { domains, anyDomain: 'customer' } },
    });
    const read = await asAdmin((http) => readApprovedDomains(http, FAKE_ORG_ID, FAKE_API_KEY));
    expect(read.anyDomain).toBe('customer');
    expect(read.domains).toMatchObject({
      'acme.com': 'customer',
      'contractor.io': 'none',
      'd119.example': 'none',
    });
    expect(Object.keys(read.domains ?? {})).toHaveLength(122);
    const listCalls = fake.calls.filter((c) => c.path.endsWith('/app-access-settings/domains'));
    expect(listCalls.map((c) => c.query.cursor)).toEqual([undefined, '100']);
  });

  test('approved domains: a role this app does not know fails the read rather than guessing', async () => {
    fake = await startFake();
    fake.data.domains[0].products = [
      { productId: 'ari:cloud:jira-servicedesk::app/all', accessMode: 'ADMIN_APPROVAL', defaultRole: 'x' },
    ];
    const error = await failure(asAdmin((http) => readApprovedDomains(http, FAKE_ORG_ID, FAKE_API_KEY)));
    expect(error.message).toMatch(/approved domains .*access mode ADMIN_APPROVAL/);
  });

  test('Admin API directory: a suspended user', async () => {
    fake = await startFake();
    const [sam] = await asAdmin((http) => searchAdminUsers(http, FAKE_ORG_ID, FAKE_API_KEY, 'sam@acme.com'));
    expect(sam).toMatchObject({ isSuspended: true, email: 'sam@acme.com' });
    expect(fake.calls[0]).toMatchObject({ method: 'POST', account: 'org-api-key' });
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

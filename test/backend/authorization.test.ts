/**
 * Authorization on the server, before anything is read or written: every key refuses a caller without
 * the permission (nothing but the caller's own permissions is read, storage is untouched), and a
 * project admin sees and changes only their project.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import { FAKE_AGENT, FAKE_JIRA_ADMIN, type FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataCalls, dataOf, startFake, type As } from './harness';
import { memory } from './kvs-memory';
import type { ResolverKey } from '../../src/backend/keys';
import { NeedsAuthenticationError } from '@forge/api';

let fake: FakeAtlassian;
beforeEach(async () => {
  fake = await startFake({ callers: { '557058:help-admin': { projectAdmin: ['HELP'] } } });
});
afterEach(() => fake.close());

const validPayloads: Record<ResolverKey, unknown> = {
  getAppState: {},
  getSnapshot: {},
  diagnose: { email: 'jane@acme.com', projectKey: 'HELP' },
  diagnoseBulk: { text: 'jane@acme.com\nbob@partner.com', projectKey: 'HELP' },
  saveSettings: { section: 'customerAccess', value: { internal: true } },
  confirmSettings: { section: 'customerAccess' },
  setApiKey: { orgId: 'fake-org-0001', apiKey: 'fake-org-api-key-0123456789' },
  clearApiKey: {},
  saveRoleMeaning: { rawId: 'ari:cloud:jira-servicedesk::role/x', role: 'customer' },
  refresh: {},
};
const keys = Object.keys(validPayloads) as ResolverKey[];

const callers: [string, As][] = [
  ['an agent on the admin page', { accountId: FAKE_AGENT }],
  ['a project admin on the admin page', { accountId: '557058:help-admin' }],
  ['an agent on the project page', { accountId: FAKE_AGENT, page: { project: 'HELP' } }],
  [
    "another project's admin on the project page",
    { accountId: '557058:help-admin', page: { project: 'VIP' } },
  ],
  ['a call from an unknown module', { context: { moduleKey: 'someone-elses-module' } }],
  ['an anonymous call', { accountId: '', context: { accountId: undefined } }],
];

describe.each(callers)('%s', (_who, as) => {
  test.each(keys)('%s is forbidden, and nothing is read or written', async (key) => {
    memory.values.set('entered:customerAccess', {
      value: { internal: false },
      by: 'x',
      at: new Date().toISOString(),
    });
    memory.ops.length = 0;
    const answer = await call(key, validPayloads[key], as);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('forbidden');
    expect(memory.ops).toEqual([]);
    expect(dataCalls(fake)).toEqual([]);
  });
});

test('the admin page needs Administer Jira, asked of Jira as the calling user', async () => {
  dataOf(await call('getAppState', {}, { accountId: FAKE_JIRA_ADMIN }));
  expect(fake.calls[0]).toMatchObject({
    path: '/rest/api/3/mypermissions',
    query: { permissions: 'ADMINISTER,USER_PICKER' },
    account: FAKE_JIRA_ADMIN,
  });
});

test('the project comes from the trusted context, never the payload', async () => {
  const as: As = { accountId: '557058:help-admin', page: { project: 'HELP' } };
  const state = dataOf(await call('getAppState', {}, as));
  expect(state.caller).toEqual({ page: 'project', projectKey: 'HELP', isJiraAdmin: false });
  expect(Object.keys(state.snapshot.projects ?? {})).toEqual(['HELP']);
  expect(state.serviceDesks.map((d) => d.projectKey)).toEqual(['HELP']);
  expect(fake.calls.some((c) => c.path.includes('/VIP/'))).toBe(false);

  memory.ops.length = 0;
  fake.calls.length = 0;
  for (const [key, payload] of [
    ['getSnapshot', { projectKey: 'VIP' }],
    ['diagnose', { email: 'jane@acme.com', projectKey: 'VIP' }],
    ['diagnoseBulk', { text: 'jane@acme.com', projectKey: 'VIP' }],
    ['saveSettings', { section: 'project', projectKey: 'VIP', value: { access: 'open' } }],
    ['confirmSettings', { section: 'projects.VIP' }],
  ] as [ResolverKey, unknown][]) {
    const answer = await call(key, payload, as);
    expect({ key, code: answer.ok ? 'ok' : answer.error.code }).toEqual({ key, code: 'forbidden' });
  }
  expect(memory.ops).toEqual([]);
  expect(dataCalls(fake)).toEqual([]);
});

test('a project admin may save only their project; site settings and the API key are for Jira admins', async () => {
  const as: As = { accountId: '557058:help-admin', page: { project: 'HELP' } };
  const saved = dataOf(
    await call(
      'saveSettings',
      { section: 'project', projectKey: 'HELP', value: { access: 'restricted' } },
      as,
    ),
  );
  expect(saved.snapshot.projects?.HELP.access).toBe('restricted');
  for (const [key, payload] of [
    ['saveSettings', { section: 'customerAccess', value: { internal: true } }],
    ['saveSettings', { section: 'emailChannel', value: { blocklist: ['spam.example'] } }],
    ['confirmSettings', { section: 'customerAccess' }],
    ['setApiKey', validPayloads.setApiKey],
    ['clearApiKey', {}],
  ] as [ResolverKey, unknown][]) {
    const answer = await call(key, payload, as);
    expect({ key, payload, code: answer.ok ? 'ok' : answer.error.code }).toMatchObject({ code: 'forbidden' });
  }
  expect(memory.values.has('entered:customerAccess')).toBe(false);
  expect(memory.secrets.size).toBe(0);
});

test('a permission check that fails is an upstream error, and nothing else is read', async () => {
  fake.setFaults([{ path: '/rest/api/3/mypermissions', status: 500 }]);
  const answer = await call('getAppState', {});
  expect(answer).toEqual({
    ok: false,
    error: {
      code: 'upstream',
      message:
        'Could not check your permissions: Jira answered 500 Internal Server Error (Scripted fault 500).',
    },
  });
  expect(memory.ops).toEqual([]);
  expect(dataCalls(fake)).toEqual([]);
});

test("a user who has not yet allowed the app to act for them gets Forge's consent prompt, not an answer", async () => {
  fake.setFaults([
    {
      path: '/rest/api/3/mypermissions',
      status: 401,
      headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
    },
  ]);
  await expect(call('getAppState', {})).rejects.toBeInstanceOf(NeedsAuthenticationError);
  expect(memory.ops).toEqual([]);
});

/**
 * Facts an admin enters (stored with who and when, flagged after 90 days unconfirmed), the organization
 * API key (kept secret, never answered), and payload validation that names the field.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import { FAKE_JIRA_ADMIN, type FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataOf, startFake, setApiKeyAndConfirmRoles } from './harness';
import { memory } from './kvs-memory';
import type { ResolverKey } from '../../src/backend/keys';

let fake: FakeAtlassian;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

const DAY = 86_400_000;
const backdate = (key: string, days: number) => {
  const entry = memory.values.get(key) as { at: string };
  entry.at = new Date(Date.now() - days * DAY).toISOString();
};

describe('entered facts', () => {
  test('are stored with who entered them and when, and come back as entered facts', async () => {
    const before = Date.now();
    const state = dataOf(
      await call('saveSettings', {
        section: 'customerAccess',
        value: {
          internal: true,
          external: true,
          externalDomains: ['Partner.COM'],
          accountCreation: 'allowed',
        },
      }),
    );
    expect(state.snapshot.customerAccess).toEqual({
      internal: true,
      external: true,
      externalDomains: ['partner.com'],
      accountCreation: 'allowed',
    });
    const source = state.snapshot.sources?.customerAccess;
    expect(source).toMatchObject({ kind: 'entered', by: FAKE_JIRA_ADMIN });
    expect(Date.parse((source as { at: string }).at)).toBeGreaterThanOrEqual(before);
    // Facts no one entered stay unknown.
    expect(state.snapshot.emailChannel).toBeUndefined();
    expect(state.snapshot.sources?.emailChannel).toBeUndefined();
  });

  test('an empty value clears a section: the facts are unknown again', async () => {
    dataOf(await call('saveSettings', { section: 'emailChannel', value: { blocklist: ['spam.example'] } }));
    const state = dataOf(await call('saveSettings', { section: 'emailChannel', value: {} }));
    expect(state.snapshot.emailChannel).toBeUndefined();
    expect(state.snapshot.sources?.emailChannel).toBeUndefined();
  });

  test("a project's Customer permissions are entered per project", async () => {
    const state = dataOf(
      await call('saveSettings', { section: 'project', projectKey: 'VIP', value: { access: 'restricted' } }),
    );
    expect(state.snapshot.projects?.VIP).toMatchObject({ name: 'Executive support', access: 'restricted' });
    expect(state.snapshot.projects?.HELP.access).toBeUndefined();
    expect(state.snapshot.sources?.['projects.VIP.access']).toMatchObject({
      kind: 'entered',
      by: FAKE_JIRA_ADMIN,
    });
    // The project's live reads keep their own source.
    expect(state.snapshot.sources?.['projects.VIP.portalAccessGrants']).toMatchObject({ kind: 'live' });
  });

  test('entered facts unconfirmed for 90 days are flagged; confirming clears the flag', async () => {
    dataOf(await call('saveSettings', { section: 'customerAccess', value: { internal: false } }));
    dataOf(await call('saveSettings', { section: 'emailChannel', value: { allowlist: ['partner.com'] } }));
    dataOf(await call('saveSettings', { section: 'project', projectKey: 'HELP', value: { access: 'open' } }));
    backdate('entered:customerAccess', 91);
    backdate('entered:emailChannel', 89);
    backdate('entered:project:HELP', 120);
    expect(dataOf(await call('getAppState', {})).stale).toEqual(['customerAccess', 'projects.HELP']);

    const confirmed = dataOf(await call('confirmSettings', { section: 'projects.HELP' }));
    expect(confirmed.stale).toEqual(['customerAccess']);
    expect(
      Date.now() - Date.parse((confirmed.snapshot.sources?.['projects.HELP.access'] as { at: string }).at),
    ).toBeLessThan(60_000);
  });

  test('confirming a section no one entered is refused', async () => {
    const answer = await call('confirmSettings', { section: 'approvedDomains' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found', field: 'section' } });
  });
});

describe('the organization API key', () => {
  const key = () => ({ orgId: fake.orgId, apiKey: fake.apiKey });

  test('is kept in secret storage and never answered or logged', async () => {
    const logs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const answers = [
      await call('setApiKey', key()),
      await call('getAppState', {}),
      await call('getSnapshot', {}),
      await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }),
      await call('refresh', {}),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain(fake.apiKey);
    }
    expect(dataOf(answers[1] as never)).toMatchObject({ adminApi: { keySet: true, orgId: fake.orgId } });
    // One secret holds the key with its org id: they are written and deleted together.
    expect([...memory.secrets.values()]).toEqual([
      expect.objectContaining({ apiKey: fake.apiKey, orgId: fake.orgId }),
    ]);
    expect(JSON.stringify([...memory.values.values()])).not.toContain(fake.apiKey);
    expect(JSON.stringify([...logs.mock.calls, ...errors.mock.calls])).not.toContain(fake.apiKey);
    logs.mockRestore();
    errors.mockRestore();
  });

  test("with a key, approved domains are read live and the sender's suspension is known", async () => {
    dataOf(await call('saveSettings', { section: 'approvedDomains', value: { anyDomain: 'none' } }));
    await setApiKeyAndConfirmRoles(fake);
    const state = dataOf(await call('getAppState', {}));
    // The Any domain row; a domain's own row is read when an address is checked.
    expect(state.snapshot.approvedDomains).toEqual({ anyDomain: 'customer' });
    expect(state.snapshot.sources?.approvedDomains).toMatchObject({ kind: 'live' });
    const sam = dataOf(await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' }));
    expect(sam.snapshot?.accounts?.['sam@acme.com']).toMatchObject({
      type: 'atlassian',
      status: 'suspended',
    });
  });

  test('a key the Admin API refuses is not kept', async () => {
    const answer = await call('setApiKey', { orgId: fake.orgId, apiKey: 'not-the-right-key-0123' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'apiKey' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/401/);
    expect(memory.secrets.size).toBe(0);
    const state = dataOf(await call('getAppState', {}));
    expect(state.adminApi).toEqual({ keySet: false });
  });

  test('clearing the key forgets it; entered approved domains apply again', async () => {
    dataOf(await call('saveSettings', { section: 'approvedDomains', value: { anyDomain: 'none' } }));
    dataOf(await call('setApiKey', key()));
    const state = dataOf(await call('clearApiKey', {}));
    expect(state.adminApi).toEqual({ keySet: false });
    expect(memory.secrets.size).toBe(0);
    expect(state.snapshot.approvedDomains).toEqual({ anyDomain: 'none' });
    expect(state.snapshot.sources?.approvedDomains).toMatchObject({ kind: 'entered' });
  });
});

describe('payloads are validated, and the error names the field', () => {
  const cases: [ResolverKey, unknown, string][] = [
    ['getAppState', { extra: 1 }, 'extra'],
    ['diagnose', {}, 'email'],
    ['diagnose', { email: 'jane at acme.com', projectKey: 'HELP' }, 'email'],
    ['diagnose', { email: 'x'.repeat(400) + '@acme.com' }, 'email'],
    ['diagnose', { email: 'jane@acme.com', projectKey: 'not a key' }, 'projectKey'],
    ['diagnose', { email: 'jane@acme.com' }, 'projectKey'],
    [
      'diagnose',
      { email: 'jane@acme.com', projectKey: 'HELP', headers: { Precedence: 1 } },
      'headers.Precedence',
    ],
    ['diagnoseBulk', { text: 'a@b.com\n'.repeat(101), projectKey: 'HELP' }, 'text'],
    ['diagnoseBulk', { text: 'x'.repeat(200_001), projectKey: 'HELP' }, 'text'],
    ['saveSettings', { section: 'somethingElse', value: {} }, 'section'],
    ['saveSettings', { section: 'customerAccess', value: { internal: 'yes' } }, 'value.internal'],
    [
      'saveSettings',
      { section: 'customerAccess', value: { externalDomains: ['ok.com', 'not a domain'] } },
      'value.externalDomains[1]',
    ],
    [
      'saveSettings',
      { section: 'customerAccess', value: { externalDomains: Array(501).fill('a.com') } },
      'value.externalDomains',
    ],
    [
      'saveSettings',
      { section: 'approvedDomains', value: { domains: { 'acme.com': 'admin' } } },
      'value.domains.acme.com',
    ],
    ['saveSettings', { section: 'approvedDomains', value: { anyDomain: 'everyone' } }, 'value.anyDomain'],
    [
      'saveSettings',
      { section: 'emailChannel', value: { blocklist: ['spam.example', '@nowhere'] } },
      'value.blocklist[1]',
    ],
    ['saveSettings', { section: 'project', projectKey: 'HELP', value: { access: 'closed' } }, 'value.access'],
    ['confirmSettings', { section: 'accounts' }, 'section'],
    ['setApiKey', { orgId: 'org id with spaces', apiKey: 'k'.repeat(30) }, 'orgId'],
    ['setApiKey', { orgId: 'fake-org-0001', apiKey: 'short' }, 'apiKey'],
  ];
  test.each(cases)('%s %j → %s', async (key, payload, field) => {
    const answer = await call(key, payload);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({ code: 'invalid-input', field });
    // The message names the field by its label on the page, never by its code name.
    expect(answer.error.message.startsWith(`${field}:`)).toBe(false);
    expect(answer.error.message).toMatch(/^(The request|[A-Z"][^:]*:) /);
    expect(memory.ops.filter((op) => op.op.startsWith('set') && !op.key.startsWith('cache:'))).toEqual([]);
  });

  test.each([
    [
      { section: 'customerAccess', value: { internal: 'yes' } },
      'Use approved domains to grant internal customers access to the help center with Atlassian accounts: expected true or false (found "yes")',
    ],
    [
      { section: 'customerAccess', value: { externalDomains: ['ok.com', 'not a domain'] } },
      'Only allow account creation for customers with specific email domains, entry 2: expected a domain such as "acme.com" (found "not a domain")',
    ],
    [
      { section: 'customerAccess', value: { externalDomains: Array(501).fill('a.com') } },
      'Only allow account creation for customers with specific email domains: at most 500 entries',
    ],
    [
      { section: 'customerAccess', value: { externalDomains: 'some' } },
      'Only allow account creation for customers with specific email domains: expected "any" (every domain) or a list of domains (found "some")',
    ],
    [
      { section: 'approvedDomains', value: { domains: { 'acme.com': 'admin' } } },
      'Approved domains, acme.com: expected one of "customer", "user", "none" (found "admin")',
    ],
    [
      { section: 'approvedDomains', value: { domains: { 'not a domain': 'customer' } } },
      'Approved domains, not a domain: expected a domain such as "acme.com"',
    ],
    [
      { section: 'emailChannel', value: { blocklist: ['spam.example', '@nowhere'] } },
      'Blocklist, entry 2: expected a domain such as "spam.example" or an address such as "x@y.example" (found "@nowhere")',
    ],
    [
      { section: 'emailChannel', value: { mailbox: 'gmail' } },
      'The email address customers write to: expected one of "atlassian", "custom" (found "gmail")',
    ],
    [
      { section: 'project', projectKey: 'HELP', value: { customerInvitedNotification: 'on' } },
      '"Customer invited" notification: expected true or false (found "on")',
    ],
    [
      { section: 'somethingElse', value: {} },
      'Settings section: expected "customerAccess", "approvedDomains", "emailChannel" or "project" (found "somethingElse")',
    ],
  ])(
    'saveSettings %j: the message starts with the label and says what was found',
    async (payload, message) => {
      const answer = await call('saveSettings', payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', message } });
    },
  );

  test('a refused API key is never repeated in the message', async () => {
    const apiKey = 'ATATT3x secret with spaces 0123456789';
    const answer = await call('setApiKey', { orgId: fake.orgId, apiKey });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'apiKey', message: 'API key: cannot contain spaces' },
    });
  });

  test('an unknown project is not found', async () => {
    const answer = await call('diagnose', { email: 'jane@acme.com', projectKey: 'NOPE' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found', field: 'projectKey' } });
  });
});

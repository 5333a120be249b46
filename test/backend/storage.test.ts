/**
 * Storage that loses nothing, secrets that never leave, and what a project page may see — through the
 * real handler and the real @forge/api against the fake Atlassian (storage: the in-memory kvs).
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import { FAKE_JIRA_ADMIN, FAKE_PROJECT_ADMIN, type FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataOf, startFake, setApiKeyAndConfirmRoles } from './harness';
import { memory } from './kvs-memory';
import { readEntered } from '../../src/backend/store';

let fake: FakeAtlassian;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

const key = () => ({ orgId: fake.orgId, apiKey: fake.apiKey });
const projectPage = { page: { project: 'HELP' } } as const;
const writes = (prefix: string) =>
  memory.ops.filter((op) => (op.op === 'set' || op.op === 'delete') && op.key.startsWith(prefix));

describe('concurrent saves', () => {
  test('20 saves of 20 projects at once are all kept', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `P${i}`);
    const answers = await Promise.all(
      keys.map((projectKey, i) =>
        call('saveSettings', {
          section: 'project',
          projectKey,
          value: { access: i % 2 ? 'open' : 'restricted' },
        }),
      ),
    );
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const entered = await readEntered();
    expect(Object.keys(entered.projects).sort()).toEqual([...keys].sort());
    keys.forEach((k, i) => expect(entered.projects[k].value.access).toBe(i % 2 ? 'open' : 'restricted'));
  });

  test('20 saves of one project at once: every save answered ok is the one kept, the others are told', async () => {
    const values = Array.from({ length: 20 }, (_, i) => ({
      access: i % 2 ? ('open' as const) : ('restricted' as const),
      customerInvitedNotification: i % 3 === 0,
    }));
    const answers = await Promise.all(
      values.map((value, i) =>
        call(
          'saveSettings',
          { section: 'project', projectKey: 'HELP', value },
          {
            accountId: i % 2 ? FAKE_JIRA_ADMIN : FAKE_PROJECT_ADMIN,
            page: i % 2 ? 'admin' : { project: 'HELP' },
          },
        ),
      ),
    );
    const ok = answers.filter((a) => a.ok);
    const told = answers.filter((a) => !a.ok);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length + told.length).toBe(20);
    for (const a of told) {
      expect(a).toMatchObject({ ok: false, error: { code: 'conflict' } });
      if (!a.ok) expect(a.error.message).toMatch(/your change was not saved/);
    }
    // Each save answered ok wrote one version; none was overwritten unseen.
    const record = memory.values.get('entered:project:HELP') as { version: number; value: unknown };
    expect(record.version).toBe(ok.length);
    const last = dataOf(ok[ok.length - 1]);
    expect(values).toContainEqual(record.value);
    expect(last.snapshot.projects?.HELP).toMatchObject(record.value as object);
  });

  test('a form opened before another admin saved gets a conflict, not a silent overwrite', async () => {
    const opened = dataOf(await call('getAppState', {}));
    const seen = opened.snapshot.sources?.customerAccess;
    expect(seen).toBeUndefined();
    dataOf(
      await call('saveSettings', { section: 'customerAccess', value: { internal: true }, expectedAt: null }),
    );
    const second = await call('saveSettings', {
      section: 'customerAccess',
      value: { internal: false },
      expectedAt: null,
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dataOf(await call('getAppState', {})).snapshot.customerAccess).toEqual({ internal: true });
  });

  test('saving the values already entered records nothing new', async () => {
    const first = dataOf(
      await call('saveSettings', { section: 'customerAccess', value: { internal: true, external: false } }),
    );
    expect(first.saved).toBe('saved');
    const at = first.snapshot.sources?.customerAccess;
    memory.ops.length = 0;
    const again = dataOf(
      await call('saveSettings', { section: 'customerAccess', value: { external: false, internal: true } }),
    );
    expect(again.saved).toBe('unchanged');
    expect(writes('entered:')).toEqual([]);
    expect(again.snapshot.sources?.customerAccess).toEqual(at);

    // Another admin saving the same project value records nothing either: the first stays the source.
    dataOf(await call('saveSettings', { section: 'project', projectKey: 'HELP', value: { access: 'open' } }));
    memory.ops.length = 0;
    const project = dataOf(
      await call(
        'saveSettings',
        { section: 'project', projectKey: 'HELP', value: { access: 'open' } },
        projectPage,
      ),
    );
    expect(project.saved).toBe('unchanged');
    expect(writes('entered:')).toEqual([]);
    expect(project.snapshot.sources?.['projects.HELP.access']).toMatchObject({ by: FAKE_JIRA_ADMIN });
  });

  test('a field the admin did not change keeps who entered it and when', async () => {
    dataOf(await call('saveSettings', { section: 'project', projectKey: 'HELP', value: { access: 'open' } }));
    const before = memory.values.get('entered:project:HELP') as { fields: Record<string, { at: string }> };
    await new Promise((r) => setTimeout(r, 5));
    const state = dataOf(
      await call(
        'saveSettings',
        {
          section: 'project',
          projectKey: 'HELP',
          value: { access: 'open', customerInvitedNotification: false },
        },
        projectPage,
      ),
    );
    expect(state.snapshot.projects?.HELP).toMatchObject({
      access: 'open',
      customerInvitedNotification: false,
    });
    expect(state.snapshot.sources?.['projects.HELP.access']).toEqual({
      kind: 'entered',
      by: FAKE_JIRA_ADMIN,
      at: before.fields.access.at,
    });
    expect(state.snapshot.sources?.['projects.HELP.customerInvitedNotification']).toMatchObject({
      kind: 'entered',
      by: FAKE_PROJECT_ADMIN,
    });
  });
});

describe('the version a form was opened on', () => {
  test('a project form that shows per-fact sources can save after a fact was cleared', async () => {
    dataOf(
      await call('saveSettings', {
        section: 'project',
        projectKey: 'HELP',
        value: { access: 'open', customerInvitedNotification: true },
      }),
    );
    await new Promise((r) => setTimeout(r, 5));
    const cleared = dataOf(
      await call('saveSettings', { section: 'project', projectKey: 'HELP', value: { access: 'open' } }),
    );
    const seen = cleared.snapshot.sources?.['projects.HELP.access'] as { at: string };
    const next = await call('saveSettings', {
      section: 'project',
      projectKey: 'HELP',
      value: { access: 'restricted' },
      expectedAt: seen.at,
    });
    expect(next.ok).toBe(true);
    // A form opened before the clear is told.
    const stale = await call('saveSettings', {
      section: 'project',
      projectKey: 'HELP',
      value: { access: 'open' },
      expectedAt: '2000-01-01T00:00:00.000Z',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('the organization API key and its org id', () => {
  test('a failed key write is answered as failed and leaves no key', async () => {
    memory.failingWrites = /^secret:/;
    const answer = await call('setApiKey', key());
    expect(answer).toMatchObject({ ok: false, error: { code: 'upstream' } });
    memory.failingWrites = null;
    expect(dataOf(await call('getAppState', {})).adminApi).toEqual({ keySet: false });
    expect(memory.secrets.size).toBe(0);
  });

  test('a failed cache clear after the key was kept is answered as kept', async () => {
    memory.failingWrites = /^cache:/;
    const state = dataOf(await call('setApiKey', key()));
    expect(state.adminApi).toEqual({ keySet: true, orgId: fake.orgId });
  });

  test('a failed removal is answered as failed, and the page still shows the key (it is still there)', async () => {
    dataOf(await call('setApiKey', key()));
    memory.failingWrites = /^secret:/;
    expect(await call('clearApiKey', {})).toMatchObject({ ok: false, error: { code: 'upstream' } });
    memory.failingWrites = null;
    expect(dataOf(await call('getAppState', {})).adminApi).toEqual({ keySet: true, orgId: fake.orgId });
    expect(memory.secrets.size).toBe(1);
  });

  test('a removal whose later steps fail still removed the key, and says so', async () => {
    dataOf(await call('setApiKey', key()));
    memory.failingWrites = /^(config|cache):/;
    expect(dataOf(await call('clearApiKey', {})).adminApi).toEqual({ keySet: false });
    expect(memory.secrets.size).toBe(0);
  });

  test('a key written by an earlier version (key and org id apart) is still read', async () => {
    memory.secrets.set('secret:orgApiKey', fake.apiKey);
    memory.values.set('config:adminApi', {
      orgId: fake.orgId,
      by: FAKE_JIRA_ADMIN,
      at: new Date().toISOString(),
    });
    expect(dataOf(await call('getAppState', {})).adminApi).toEqual({ keySet: true, orgId: fake.orgId });
  });

  test.each([
    ['a NUL byte', 'fake-org-api-key\u00000123456789'],
    ['a line break', 'fake-org-api-key\n0123456789'],
    ['an escape character', 'fake-org-api-key\u001b0123456789'],
  ])('a key with %s is refused, naming the field by its label', async (_what, apiKey) => {
    const answer = await call('setApiKey', { orgId: fake.orgId, apiKey });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'apiKey' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/^API key: contains a control character/);
    expect(memory.secrets.size).toBe(0);
  });
});

describe('the key is scrubbed whatever Atlassian sends back', () => {
  test('an Admin API error body that echoes the key reaches no page with the key in it', async () => {
    dataOf(await call('setApiKey', key()));
    fake.setFaults([
      {
        path: '/admin/',
        status: 500,
        body: JSON.stringify({
          message: `Internal error for token ${fake.apiKey} (Authorization: Bearer ${fake.apiKey})`,
        }),
      },
    ]);
    const admin = await call('refresh', {});
    const adminDiagnose = await call('diagnose', { email: 'sam@acme.com', projectKey: 'HELP' });
    const project = await call('getAppState', {}, projectPage);
    const projectDiagnose = await call('diagnose', { email: 'sam@acme.com' }, projectPage);
    const all = JSON.stringify([admin, adminDiagnose, project, projectDiagnose]);
    expect(all).not.toContain(fake.apiKey);
    // The echo did reach the app, and was replaced (the test would pass vacuously otherwise).
    expect(JSON.stringify(dataOf(admin).unreadable)).toContain('[the organization API key]');
  });
});

describe('a project page sees only what contract.md §3 allows', () => {
  beforeEach(async () => {
    await setApiKeyAndConfirmRoles(fake);
  });

  test('no approved-domain list, no org id, no other project', async () => {
    const state = dataOf(await call('getAppState', {}, projectPage));
    expect(Object.keys(state.snapshot.projects ?? {})).toEqual(['HELP']);
    expect(state.snapshot.approvedDomains?.domains ?? {}).toEqual({});
    expect(state.snapshot.approvedDomains?.anyDomain).toBeDefined();
    expect(state.adminApi).toEqual({ keySet: true });
    expect(state.roleMeanings).toBeUndefined();
    expect(JSON.stringify(state)).not.toContain(fake.orgId);
    expect(JSON.stringify(state)).not.toContain('VIP');
    const snapshot = dataOf(await call('getSnapshot', {}, projectPage));
    expect(snapshot.approvedDomains?.domains ?? {}).toEqual({});
    expect(JSON.stringify(snapshot)).not.toContain(fake.orgId);
  });

  test("a check gets the sender's own domain row and Any domain, and no account id", async () => {
    const answer = dataOf(await call('diagnose', { email: 'jane@acme.com' }, projectPage));
    expect(Object.keys(answer.snapshot?.approvedDomains?.domains ?? {})).toEqual(['acme.com']);
    for (const account of Object.values(answer.snapshot?.accounts ?? {})) {
      expect(account).not.toHaveProperty('accountId');
    }
    expect(Object.keys(answer.snapshot?.projects ?? {})).toEqual(['HELP']);
    expect(JSON.stringify(answer)).not.toContain(fake.orgId);
    // The Jira admin page's answer for the same sender keeps what the project page may not see.
    const admin = dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP' }));
    expect(Object.values(admin.snapshot?.accounts ?? {}).some((a) => a.accountId)).toBe(true);
  });
});

describe('what an unrecognised approved-domain role id means', () => {
  const rawId = 'ari:cloud:jira-servicedesk::role/customer-x';

  test('a Jira admin confirms it once; it is kept with who and when', async () => {
    const state = dataOf(await call('saveRoleMeaning', { rawId, role: 'customer' }));
    expect(state.roleMeanings?.[rawId]).toMatchObject({ role: 'customer', by: FAKE_JIRA_ADMIN });
    const again = dataOf(await call('saveRoleMeaning', { rawId, role: 'customer' }));
    expect(again.saved).toBe('unchanged');
  });

  test('a project page may not, and a role outside Customer, User, None is refused', async () => {
    expect(await call('saveRoleMeaning', { rawId, role: 'customer' }, projectPage)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const bad = await call('saveRoleMeaning', { rawId, role: 'admin' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'role' } });
  });
});

describe('scrubSecrets, the one place a failed call becomes a message', () => {
  test('the key as sent, URL-encoded or JSON-escaped, and any bearer token are replaced', async () => {
    const { scrubSecrets } = await import('../../src/backend/http');
    const secret = 'ATATT3x/Ff+k"ey=0123';
    const text = [
      `token ${secret}`,
      `url ?key=${encodeURIComponent(secret)}`,
      `json ${JSON.stringify(secret)}`,
      'Authorization: Bearer abc.def-123',
    ].join(' | ');
    const out = scrubSecrets(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(out).not.toContain('abc.def-123');
    expect(out).toContain('token [the organization API key]');
  });
});

describe('projectSnapshot: the one filter of what a project page may see', () => {
  test("keeps its project, the sender's domain row, Any domain and the sender; drops the rest", async () => {
    const { projectSnapshot } = await import('../../src/backend/service');
    const out = projectSnapshot(
      {
        format: 'customer-access-doctor/snapshot',
        version: 1,
        approvedDomains: {
          domains: { 'acme.com': 'customer', 'secret-partner.com': 'none' },
          anyDomain: 'none',
          unrecognised: { 'secret-partner.com': 'ari:x', ANYONE: 'ari:y', 'acme.com': 'ari:z' },
        } as never,
        projects: { HELP: { access: 'open' }, VIP: { access: 'restricted' } },
        accounts: {
          'jane@acme.com': { type: 'atlassian', accountId: '5b10ac8d82e05b22cc7d4ef5' },
          'boss@acme.com': { type: 'atlassian' },
        },
        sources: { 'projects.VIP.access': { kind: 'entered' }, 'projects.HELP.access': { kind: 'entered' } },
        unreadable: {
          'approvedDomains.secret-partner.com': 'x',
          'approvedDomains.acme.com': 'y',
          'projects.VIP.customers': 'z',
        },
      },
      'HELP',
      ['Jane@Acme.com'],
    );
    expect(out.approvedDomains).toEqual({
      domains: { 'acme.com': 'customer' },
      anyDomain: 'none',
      unrecognised: { ANYONE: 'ari:y', 'acme.com': 'ari:z' },
    });
    expect(out.projects).toEqual({ HELP: { access: 'open' } });
    expect(out.accounts).toEqual({ 'jane@acme.com': { type: 'atlassian' } });
    expect(Object.keys(out.sources ?? {})).toEqual(['projects.HELP.access']);
    expect(out.unreadable).toEqual({ 'approvedDomains.acme.com': 'y' });
  });
});

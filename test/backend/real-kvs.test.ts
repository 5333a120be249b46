/**
 * The store with the real @forge/kvs client (not mocked): its requests answered by the fake's in-memory
 * storage, so the keys, secrets and values the backend writes are what Forge storage would receive.
 */
import {
  createFakeStorage,
  FAKE_JIRA_ADMIN,
  installForgeFetch,
  invokeHandler,
  startFakeAtlassian,
  type FakeAtlassian,
} from '../../dev/fake-atlassian';
import { handler } from '../../src/index';
import { contextFor } from './harness';

let fake: FakeAtlassian;
afterEach(() => fake.close());

test('entered facts in storage, the API key in secret storage only', async () => {
  fake = await startFakeAtlassian();
  const storage = createFakeStorage();
  installForgeFetch(fake.url, { storage });
  const invoke = (functionKey: string, payload: unknown) =>
    invokeHandler(handler as never, {
      functionKey,
      payload,
      context: contextFor(),
      accountId: FAKE_JIRA_ADMIN,
    });

  expect(
    await invoke('saveSettings', { section: 'customerAccess', value: { internal: true } }),
  ).toMatchObject({ ok: true });
  expect(await invoke('setApiKey', { orgId: fake.orgId, apiKey: fake.apiKey })).toMatchObject({ ok: true });
  const state = (await invoke('getAppState', {})) as {
    ok: true;
    data: { snapshot: { customerAccess: unknown } };
  };
  expect(state.data.snapshot.customerAccess).toEqual({ internal: true });

  expect(storage.values.get('entered:customerAccess')).toMatchObject({
    value: { internal: true },
    by: FAKE_JIRA_ADMIN,
  });
  expect([...storage.secrets.values()]).toEqual([
    expect.objectContaining({ apiKey: fake.apiKey, orgId: fake.orgId }),
  ]);
  expect(JSON.stringify([...storage.values])).not.toContain(fake.apiKey);
  expect(storage.log).toContain('secret/get secret:orgApiKey');

  expect(await invoke('clearApiKey', {})).toMatchObject({ ok: true, data: { adminApi: { keySet: false } } });
  expect(storage.secrets.size).toBe(0);
});

test('storage failing is an upstream error, not a crash', async () => {
  fake = await startFakeAtlassian();
  const storage = createFakeStorage();
  storage.failing = /^entered:/;
  installForgeFetch(fake.url, { storage });
  const answer = await invokeHandler(handler as never, {
    functionKey: 'saveSettings',
    payload: { section: 'customerAccess', value: { internal: true } },
    context: contextFor(),
    accountId: FAKE_JIRA_ADMIN,
  });
  expect(answer).toEqual({
    ok: false,
    error: {
      code: 'upstream',
      message:
        "The app's storage (Forge) failed, so it could not save the settings; nothing is lost by trying again.",
    },
  });
});

/**
 * Runs the real resolver (src/index.ts handler, real @forge/api) against the fake Atlassian API.
 * Test files must `jest.mock('@forge/kvs', () => require('./kvs-memory').kvsModule)` and import this
 * file before anything that imports src/.
 */
import {
  FAKE_JIRA_ADMIN,
  FAKE_PROJECT_ADMIN,
  installForgeFetch,
  invokeHandler,
  startFakeAtlassian,
  type FakeAtlassian,
  type FakeOptions,
} from '../../dev/fake-atlassian';
import { JSM_ROLE_ID } from '../../dev/fake-atlassian/seed';
import { handler } from '../../src/index';
import type { Answer, ResolverKey, ResolverKeys } from '../../src/backend/keys';
import { memory } from './kvs-memory';

export const ADMIN_MODULE = 'customer-access-doctor-admin';
export const PROJECT_MODULE = 'customer-access-doctor-project';
export const SITE_URL = 'https://acme-support.atlassian.net';

export interface As {
  accountId?: string;
  /** 'admin' (default) or a project key for the project settings page. */
  page?: 'admin' | { project: string };
  context?: Record<string, unknown>;
}

export function contextFor(as: As = {}): Record<string, unknown> {
  const page = as.page ?? 'admin';
  const base =
    page === 'admin'
      ? { moduleKey: ADMIN_MODULE, extension: { type: 'jira:adminPage' } }
      : {
          moduleKey: PROJECT_MODULE,
          extension: {
            type: 'jira:projectSettingsPage',
            project: { key: page.project, id: '10000', type: 'service_desk' },
          },
        };
  return { cloudId: 'fake-cloud', siteUrl: SITE_URL, localId: 'x', ...base, ...as.context };
}

export async function call<K extends ResolverKey>(
  key: K,
  payload: unknown,
  as: As = {},
): Promise<Answer<ResolverKeys[K]['data']>> {
  const accountId = as.accountId ?? (as.page && as.page !== 'admin' ? FAKE_PROJECT_ADMIN : FAKE_JIRA_ADMIN);
  return (await invokeHandler(handler as never, {
    functionKey: key,
    payload,
    context: contextFor(as),
    accountId,
  })) as Answer<ResolverKeys[K]['data']>;
}

/** The data of an ok answer; fails the test with the error otherwise. */
export function dataOf<T>(answer: Answer<T>): T {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

const running: FakeAtlassian[] = [];

// A call to a path the fake does not serve (404) fails the test that made it.
afterEach(() => {
  const unknown = running.flatMap((f) => f.unknown.splice(0));
  running.length = 0;
  if (unknown.length > 0) {
    throw new Error(
      `the app called paths the fake Atlassian does not serve: ${unknown.map((c) => `${c.method} ${c.path}`).join(', ')}`,
    );
  }
});

export async function startFake(options: FakeOptions = {}): Promise<FakeAtlassian> {
  const fake = await startFakeAtlassian(options);
  running.push(fake);
  installForgeFetch(fake.url);
  memory.reset();
  return fake;
}

/** Jira/Admin API paths the fake was called on, without mypermissions. */
export function dataCalls(fake: FakeAtlassian): string[] {
  return fake.calls.filter((c) => c.path !== '/rest/api/3/mypermissions').map((c) => c.path);
}

/**
 * Sets the organization API key, then confirms what the fake's Jira Service Management role ids mean,
 * as a Jira admin does once on the Site settings tab (Atlassian publishes no such id, so the app
 * recognises none by itself).
 */
export async function setApiKeyAndConfirmRoles(fake: FakeAtlassian): Promise<void> {
  dataOf(await call('setApiKey', { orgId: fake.orgId, apiKey: fake.apiKey }));
  for (const [role, rawId] of Object.entries(JSM_ROLE_ID)) {
    dataOf(await call('saveRoleMeaning', { rawId, role }));
  }
}

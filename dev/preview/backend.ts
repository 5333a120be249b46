/**
 * The server side of `invoke`: the app's real resolver (`handler` of src/index.ts), called as the Forge
 * runtime calls it, as the viewer the toolbar chose. Its Atlassian REST calls (@forge/api's
 * `__forge_fetch__` and egress to api.atlassian.com) go to the local fake Atlassian API seeded from the
 * embedded sample site (the site the command line uses); @forge/kvs is answered in memory by the fake's
 * storage, so saved settings last as long as the server runs.
 */
// The fake's fetch router must be installed before @forge/api loads: keep this import first.
import {
  createFakeStorage,
  FAKE_API_KEY,
  FAKE_JIRA_ADMIN,
  FAKE_ORG_ID,
  FAKE_PROJECT_ADMIN,
  installForgeFetch,
  invokeHandler,
  startFakeAtlassian,
  type FakeAtlassian,
} from '../fake-atlassian';
import { handler } from '../../src/index';
import { sampleSnapshot } from '../../src/evaluator/sample';
import { resolverContext, type PreviewViewer, type ProjectRef } from './context';
import type { PreviewRole, PreviewSession } from './protocol';

/** How the fake Atlassian API behaves: as a healthy site, slowly, or failing every call. */
export type AtlassianMode = 'up' | 'slow' | 'down';

export const SLOW_MS = 2000;

export interface Backend {
  siteUrl: string;
  projects: ProjectRef[];
  viewers: Record<PreviewRole, PreviewViewer>;
  /** What to enter on the page to try the organization Admin API against the fake. */
  adminApi: { orgId: string; apiKey: string };
  invoke(functionKey: string, payload: unknown, session: PreviewSession): Promise<unknown>;
  /** Forgets everything saved (the storage), as after a fresh install. */
  reset(): void;
  atlassian: AtlassianMode;
  setAtlassian(mode: AtlassianMode): void;
  close(): Promise<void>;
}

export const VIEWERS: Record<PreviewRole, PreviewViewer> = {
  'jira-admin': { accountId: FAKE_JIRA_ADMIN, displayName: 'Jira admin' },
  'project-admin': { accountId: FAKE_PROJECT_ADMIN, displayName: 'Project admin' },
};

export async function createBackend(): Promise<Backend> {
  const fake: FakeAtlassian = await startFakeAtlassian({ snapshot: sampleSnapshot });
  const storage = createFakeStorage();
  const uninstall = installForgeFetch(fake.url, { storage });

  const siteUrl = sampleSnapshot.site?.url ?? 'https://acme-support.atlassian.net';
  const projects: ProjectRef[] = fake.data.desks.map((desk) => ({
    key: desk.projectKey,
    id: desk.projectId,
    name: desk.projectName,
  }));

  let atlassian: AtlassianMode = 'up';
  return {
    siteUrl,
    projects,
    viewers: VIEWERS,
    adminApi: { orgId: fake.orgId ?? FAKE_ORG_ID, apiKey: fake.apiKey ?? FAKE_API_KEY },
    invoke(functionKey, payload, session) {
      const viewer = VIEWERS[session.role];
      const project = projects.find((p) => p.key === session.projectKey);
      const context = resolverContext({ session, siteUrl, viewer, project });
      // The storage's request log is for tests; a long-running preview keeps only its tail.
      if (storage.log.length > 1000) storage.log.splice(0, storage.log.length - 100);
      return invokeHandler(handler, { functionKey, payload, context, accountId: viewer.accountId });
    },
    reset() {
      storage.values.clear();
      storage.secrets.clear();
      storage.log.length = 0;
    },
    get atlassian() {
      return atlassian;
    },
    setAtlassian(mode) {
      atlassian = mode;
      fake.setLatency(mode === 'slow' ? SLOW_MS : 0);
      fake.setFaults(
        mode === 'down'
          ? [{ path: /./, status: 503, body: JSON.stringify({ errorMessages: ['Service unavailable'] }) }]
          : [],
      );
    },
    async close() {
      uninstall();
      await fake.close();
    },
  };
}

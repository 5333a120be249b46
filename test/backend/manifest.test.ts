/**
 * manifest.yml and the code agree: it validates offline, its module keys are the ones the resolver
 * recognises, its function handler is the exported resolver, and it asks for exactly the scopes the
 * backend's calls need (each listed in Atlassian's OpenAPI excerpt for the calls made).
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import path from 'node:path';
import { validate } from '@forge/manifest';
import excerpt from '../../dev/fake-atlassian/openapi-excerpt.json';
import { ADMIN_PAGE_MODULE, PROJECT_PAGE_MODULE } from '../../src/backend/auth';
import * as index from '../../src/index';

const MANIFEST = path.join(__dirname, '../../manifest.yml');

interface Manifest {
  app: { runtime: { name: string } };
  modules: Record<
    string,
    {
      key: string;
      handler?: string;
      resolver?: { function: string };
      render?: string;
      resource?: string;
      displayConditions?: Record<string, unknown>;
    }[]
  >;
  permissions: { scopes: string[]; external: { fetch: { backend: (string | { address: string })[] } } };
}

let manifest: Manifest;
beforeAll(async () => {
  const result = await validate(false, MANIFEST);
  expect((result.errors ?? []).filter((e) => e.level === 'error')).toEqual([]);
  manifest = result.manifestObject!.typedContent as unknown as Manifest;
});

test('both pages are UI Kit pages on the one resolver, the project page only in service projects', () => {
  expect(manifest.app.runtime.name).toBe('nodejs22.x');
  const [admin] = manifest.modules['jira:adminPage'];
  const [project] = manifest.modules['jira:projectSettingsPage'];
  expect(admin).toMatchObject({
    key: ADMIN_PAGE_MODULE,
    render: 'native',
    resource: 'main',
    resolver: { function: 'resolver' },
  });
  expect(project).toMatchObject({
    key: PROJECT_PAGE_MODULE,
    render: 'native',
    resource: 'main',
    resolver: { function: 'resolver' },
  });
  expect(project.displayConditions).toEqual({ projectType: 'service_desk' });
  const [fn] = manifest.modules.function;
  expect(fn).toEqual({ key: 'resolver', handler: 'index.handler' });
  expect(typeof index.handler).toBe('function');
});

test('the scopes are those of the Jira calls made, plus storage; egress only to api.atlassian.com', () => {
  const needed = new Set(excerpt.operations.flatMap((o) => o.scopes));
  expect(new Set(manifest.permissions.scopes)).toEqual(new Set([...needed, 'storage:app']));
  expect(manifest.permissions.external.fetch.backend).toEqual([{ address: 'https://api.atlassian.com' }]);
  // Least privilege: nothing the app is granted can write to Jira.
  const writes = (manifest.permissions.scopes as string[]).filter(
    (scope) => !scope.startsWith('read:') && scope !== 'storage:app',
  );
  expect(writes).toEqual([]);
});

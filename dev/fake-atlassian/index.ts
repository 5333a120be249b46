/**
 * A local fake of the Atlassian REST API for tests, the benchmark and the local preview.
 *
 *   import { startFakeAtlassian, installForgeFetch, invokeHandler } from '../dev/fake-atlassian'; // first
 *   import { handler } from '../src';
 *   const fake = await startFakeAtlassian({ snapshot: sampleSnapshot, latencyMs: 0, faults: [] });
 *   installForgeFetch(fake.url, { storage: createFakeStorage() }); // storage: the real @forge/kvs in memory
 *   await invokeHandler(handler, { functionKey: 'diagnose', payload, context, accountId: FAKE_JIRA_ADMIN });
 *   fake.calls; await fake.close();
 */
export { createFakeStorage, installForgeFetch, invokeHandler, runAs, type FakeStorage } from './forge-fetch';
export {
  startFakeAtlassian,
  DEFAULT_CALLERS,
  FAKE_AGENT,
  FAKE_API_KEY,
  FAKE_JIRA_ADMIN,
  FAKE_ORG_ID,
  FAKE_PROJECT_ADMIN,
  type FakeAtlassian,
  type FakeCall,
  type FakeCaller,
  type FakeFault,
  type FakeOptions,
} from './server';
export { seedFromSnapshot, type FakeSiteData } from './seed';

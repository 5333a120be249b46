/**
 * The server side of `invoke`: the app's real resolver (`handler` of src/index.ts), called as the Forge
 * runtime calls it, with its Atlassian REST calls answered by the local fake Atlassian API seeded from
 * the embedded sample site, and @forge/kvs kept in memory for as long as the server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sampleSnapshot } from '../../src/evaluator/sample';
import { DEFAULT_VIEWERS, resolverContext, type ProjectRef, type PreviewViewer } from './context';
import type { PreviewRole, PreviewSession } from './protocol';
import { ROOT_DIR } from './build';

type Handler = (
  request: { call: { functionKey: string; payload: unknown }; context: Record<string, unknown> },
  runtime: { principal: { accountId: string }; installContext: string },
) => Promise<unknown>;

export interface Backend {
  siteUrl: string;
  projects: ProjectRef[];
  viewers: Record<PreviewRole, PreviewViewer>;
  available: boolean;
  invoke(functionKey: string, payload: unknown, session: PreviewSession): Promise<unknown>;
  close(): Promise<void>;
}

export async function createBackend(): Promise<Backend> {
  const siteUrl = sampleSnapshot.site?.url ?? 'https://acme-support.atlassian.net';
  const projects: ProjectRef[] = Object.entries(sampleSnapshot.projects ?? {}).map(([key, project], i) => ({
    key,
    id: String(10000 + i),
    name: project.name ?? key,
  }));
  const viewers = DEFAULT_VIEWERS;
  const entry = path.join(ROOT_DIR, 'src/index.ts');
  let handler: Handler | undefined;
  if (fs.existsSync(entry)) {
    const mod = (await import(entry)) as { handler?: Handler };
    handler = mod.handler;
  }
  return {
    siteUrl,
    projects,
    viewers,
    available: Boolean(handler),
    async invoke(functionKey, payload, session) {
      if (!handler) throw new Error('The resolver (src/index.ts) is not there yet.');
      const viewer = viewers[session.role];
      const project = projects.find((p) => p.key === session.projectKey);
      const context = resolverContext({ session, siteUrl, viewer, project });
      return handler(
        { call: { functionKey, payload }, context },
        {
          principal: { accountId: viewer.accountId },
          installContext: `ari:cloud:jira::site/${String(context.cloudId)}`,
        },
      );
    },
    async close() {},
  };
}

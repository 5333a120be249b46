/**
 * `npm start`: the local preview of the app's pages. Serves the host page (toolbar + renderer), the
 * app frame (the app's real UI Kit code) and `POST /api/invoke` (the real resolver). See docs/preview.md.
 *
 *   npm start [-- --port N] [--host ADDRESS] [--demo] [--watch]
 *   (PORT=N works too; --port 0 picks a free port; --watch rebuilds the pages' code at every page load)
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createBackend, type AtlassianMode, type Backend } from './backend';
import { buildFrame, buildHost, disposeBundlers, nodeGlobalFindings, ROOT_DIR, type Bundle } from './build';
import { frameContext } from './context';
import type { PreviewRole, PreviewSession } from './protocol';

export interface PreviewOptions {
  port: number;
  host?: string;
  demo?: boolean;
  quiet?: boolean;
  /** Rebuild the pages' code at every page load (the resolver needs a restart). */
  watch?: boolean;
}

export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HOST_STYLES = `
  html, body { margin: 0; background: var(--ds-surface-sunken, #F7F8F9); }
  body { font: var(--ds-font-body, normal 400 14px/20px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif);
         color: var(--ds-text, #172B4D); }
  .preview-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 8px 16px;
    background: var(--ds-surface, #FFFFFF); border-bottom: 1px solid var(--ds-border, #091E4224); position: sticky; top: 0; z-index: 10; }
  .preview-brand { display: flex; flex-direction: column; margin-right: 8px; }
  .preview-brand span { font: var(--ds-font-body-small, 12px/16px sans-serif); color: var(--ds-text-subtlest, #626F86); }
  .preview-group { display: flex; align-items: center; gap: 4px; }
  .preview-group-label { font: var(--ds-font-body-small, 12px/16px sans-serif); color: var(--ds-text-subtle, #44546F); margin-right: 4px; }
  .preview-status { margin-left: auto; display: flex; gap: 4px; align-items: center; }
  .preview-notice { padding: 8px 16px; background: var(--ds-background-warning, #FFF7D6); }
  .preview-page { max-width: 1120px; margin: 0 auto; padding: 16px 24px 48px; }
  .preview-breadcrumb { font: var(--ds-font-body-small, 12px/16px sans-serif); color: var(--ds-text-subtle, #44546F); margin-bottom: 12px; }
  .preview-app { background: var(--ds-surface, #FFFFFF); border-radius: 8px; padding: 24px 32px; min-height: 200px;
    box-shadow: var(--ds-shadow-raised, 0 1px 1px #091E4240, 0 0 1px #091E424F); }
  .preview-loading { display: flex; justify-content: center; padding: 48px; }
  .preview-errors { margin-bottom: 12px; }
  .preview-frame { position: absolute; width: 0; height: 0; border: 0; visibility: hidden; }
`;

function escapeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function hostHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Customer Access Doctor — local preview</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/host.css">
<style>${HOST_STYLES}</style>
</head>
<body>
<div id="root"></div>
<script src="/assets/host.js"></script>
</body>
</html>`;
}

function frameHtml(boot: unknown): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>App frame</title></head>
<body>
<script>window.__PREVIEW_BOOT__ = ${escapeJson(boot)};</script>
<script src="/assets/frame.js"></script>
</body>
</html>`;
}

export function parseSession(params: URLSearchParams | Record<string, unknown>): PreviewSession {
  const get = (k: string) =>
    params instanceof URLSearchParams
      ? params.get(k)
      : typeof params[k] === 'string'
        ? (params[k] as string)
        : null;
  const page = get('page') === 'project' ? 'project' : 'admin';
  const role: PreviewRole = get('role') === 'project-admin' ? 'project-admin' : 'jira-admin';
  const projectKey = page === 'project' ? (get('projectKey') ?? get('project') ?? undefined) : undefined;
  return { page, role, ...(projectKey ? { projectKey } : {}) };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const log = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  const appEntry = path.join(ROOT_DIR, 'src/frontend/index.tsx');
  const mode: 'app' | 'demo' = options.demo || !fs.existsSync(appEntry) ? 'demo' : 'app';
  const notice =
    mode === 'demo' && !options.demo
      ? 'src/frontend/index.tsx is missing: showing the renderer demo page instead of the app.'
      : undefined;

  let assets = new Map<string, { contents: Uint8Array; type: string }>();
  let findings: string[] = [];
  const rebuild = async () => {
    const [host, frame]: [Bundle, Bundle] = await Promise.all([buildHost(), buildFrame(mode)]);
    for (const warning of [...host.warnings, ...frame.warnings]) log(`esbuild: ${warning}`);
    assets = new Map([...host.files, ...frame.files]);
    const found = nodeGlobalFindings(frame.metafile);
    for (const finding of found.filter((f) => !findings.includes(f))) log(`warning: ${finding}`);
    findings = found;
  };
  const [backend]: [Backend, void] = await Promise.all([createBackend(), rebuild()]);
  let rebuilding = Promise.resolve();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      try {
        if (req.method === 'GET' && url.pathname === '/') {
          if (options.watch) await (rebuilding = rebuilding.then(rebuild, rebuild));
          return send(res, 200, 'text/html; charset=utf-8', hostHtml());
        }
        if (req.method === 'GET' && url.pathname === '/frame') {
          const session = parseSession(url.searchParams);
          const project = backend.projects.find((p) => p.key === session.projectKey);
          const context = frameContext({
            session,
            siteUrl: backend.siteUrl,
            viewer: backend.viewers[session.role],
            project,
          });
          return send(res, 200, 'text/html; charset=utf-8', frameHtml({ session, context }));
        }
        if (req.method === 'GET' && url.pathname.startsWith('/assets/')) {
          const asset = assets.get(url.pathname.slice('/assets/'.length));
          if (!asset) return send(res, 404, 'text/plain', 'not found');
          return send(res, 200, asset.type, asset.contents);
        }
        if (req.method === 'GET' && url.pathname === '/api/preview-config') {
          return sendJson(res, 200, {
            mode,
            projects: backend.projects.map(({ key, name }) => ({ key, name })),
            adminApi: backend.adminApi,
            atlassian: backend.atlassian,
            findings,
            ...(notice ? { notice } : {}),
          });
        }
        if (req.method === 'POST' && url.pathname === '/api/invoke') {
          const body = JSON.parse(await readBody(req)) as {
            functionKey?: unknown;
            payload?: unknown;
            session?: Record<string, unknown>;
          };
          if (typeof body.functionKey !== 'string')
            return sendJson(res, 400, { error: 'functionKey must be a string' });
          const session = parseSession(body.session ?? {});
          try {
            const result = await backend.invoke(body.functionKey, body.payload ?? {}, session);
            return sendJson(res, 200, { result: result ?? null });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log(`invoke ${body.functionKey} failed: ${message}`);
            return sendJson(res, 500, { error: message });
          }
        }
        if (req.method === 'POST' && url.pathname === '/api/atlassian') {
          const { mode } = JSON.parse(await readBody(req)) as { mode?: string };
          if (mode !== 'up' && mode !== 'slow' && mode !== 'down') {
            return sendJson(res, 400, { error: 'mode must be up, slow or down' });
          }
          backend.setAtlassian(mode as AtlassianMode);
          return sendJson(res, 200, { atlassian: mode });
        }
        if (req.method === 'POST' && url.pathname === '/api/reset') {
          backend.reset();
          return sendJson(res, 200, { ok: true });
        }
        if (req.method === 'GET' && url.pathname === '/favicon.ico')
          return send(res, 204, 'image/x-icon', '');
        if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
        return send(res, 404, 'text/plain', 'not found');
      } catch (error) {
        return sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void backend.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${options.port} is in use: choose another with --port N or PORT=N (0 picks a free one)`,
            )
          : error,
      );
    });
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log(`Customer Access Doctor preview (${mode === 'app' ? 'the app' : 'renderer demo'}): ${url}`);
  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await backend.close();
      await disposeBundlers();
    },
  };
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): PreviewOptions {
  let port = env.PORT ? Number(env.PORT) : 3000;
  let demo = false;
  let watch = false;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--port' || arg === '-p') port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) port = Number(arg.slice('--port='.length));
    else if (arg === '--demo') demo = true;
    else if (arg === '--watch') watch = true;
    else if (arg === '--host') host = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'npm start [-- --port N] [-- --demo] [-- --host ADDRESS]   (or PORT=N npm start)\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('the port must be a number from 0 to 65535');
  return { port, demo, host, watch };
}

if (require.main === module) {
  let options: PreviewOptions;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`preview: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  startPreview(options).then(
    (server) => {
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      process.stderr.write(`preview: ${detail}\n`);
      if (process.env.PREVIEW_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
      process.exit(1);
    },
  );
}

/**
 * A local fake of the Atlassian REST APIs the backend calls, shaped by Atlassian's OpenAPI descriptions
 * (openapi-excerpt.json): Jira platform (mypermissions, user search, user, project permission scheme,
 * project search), Service Management (service desks, customers, customer organizations) and the Admin API
 * (app access settings domains, users search). Seeded from a Snapshot; slow and faulty on request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../../src/evaluator';
import { sampleSnapshot } from '../../src/evaluator/sample';
import { seedFromSnapshot, type FakeSiteData } from './seed';

/** Who may do what on the fake site. */
export interface FakeCaller {
  jiraAdmin?: boolean;
  /** Projects the caller administers; 'all' for every project. */
  projectAdmin?: string[] | 'all';
}

export const FAKE_JIRA_ADMIN = '557058:fake-jira-admin';
export const FAKE_PROJECT_ADMIN = '557058:fake-project-admin';
export const FAKE_AGENT = '557058:fake-agent';
export const FAKE_ORG_ID = 'fake-org-0001';
export const FAKE_API_KEY = 'fake-org-api-key-0123456789';

export const DEFAULT_CALLERS: Record<string, FakeCaller> = {
  [FAKE_JIRA_ADMIN]: { jiraAdmin: true },
  [FAKE_PROJECT_ADMIN]: { projectAdmin: 'all' },
  [FAKE_AGENT]: {},
};

/** A scripted failure: the first matching fault answers instead of the fake site. */
export interface FakeFault {
  /** Matched against the path and query ("/rest/api/3/user/search?query=…"); a string matches as a substring. */
  path: string | RegExp;
  method?: string;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Extra wait before answering. */
  delayMs?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Apply this many times, then stop (default: always). */
  times?: number;
}

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The calling user (Jira) or 'org-api-key' (Admin API). */
  account?: string;
  body?: unknown;
  status: number;
  at: number;
}

export interface FakeOptions {
  snapshot?: Snapshot;
  /** Every call waits this long before answering. */
  latencyMs?: number;
  faults?: FakeFault[];
  callers?: Record<string, FakeCaller>;
  /** Addresses with a Jira Service Management agent licence. */
  agents?: string[];
  orgId?: string;
  apiKey?: string;
  /** Customer organizations per project key: the member addresses of each organization. */
  organizations?: Record<string, { name: string; members: string[] }[]>;
  /** Hide users' email addresses (profile visibility). */
  hideEmails?: boolean;
  port?: number;
}

export interface FakeAtlassian {
  url: string;
  calls: FakeCall[];
  data: FakeSiteData;
  orgId: string;
  apiKey: string;
  setFaults(faults: FakeFault[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const error = (status: number, message: string): Reply => ({
  status,
  body: { errorMessages: [message], errors: {} },
});

export async function startFakeAtlassian(options: FakeOptions = {}): Promise<FakeAtlassian> {
  const snapshot = options.snapshot ?? sampleSnapshot;
  const data = seedFromSnapshot(snapshot, options.agents);
  const callers = { ...DEFAULT_CALLERS, ...options.callers };
  const orgId = options.orgId ?? FAKE_ORG_ID;
  const apiKey = options.apiKey ?? FAKE_API_KEY;
  let faults = (options.faults ?? []).map((f) => ({ ...f }));
  let latencyMs = options.latencyMs ?? 0;
  const calls: FakeCall[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const query = Object.fromEntries(url.searchParams.entries());
      const pathAndQuery = `${url.pathname}${url.search}`;
      const method = (req.method ?? 'GET').toUpperCase();
      const isAdmin = url.pathname.startsWith('/admin/');
      const account = isAdmin ? 'org-api-key' : header(req, 'x-fake-account-id');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const call: FakeCall = { method, path: url.pathname, query, account, body, status: 0, at: Date.now() };
      calls.push(call);

      const fault = faults.find(
        (f) =>
          (f.times === undefined || f.times > 0) &&
          (!f.method || f.method.toUpperCase() === method) &&
          (typeof f.path === 'string' ? pathAndQuery.includes(f.path) : f.path.test(pathAndQuery)),
      );
      if (fault && fault.times !== undefined) fault.times--;
      const send = () => {
        if (fault?.hang) {
          hanging.add(res);
          call.status = -1;
          return;
        }
        let reply: Reply;
        let text: string;
        if (fault && (fault.status !== undefined || fault.body !== undefined)) {
          reply = { status: fault.status ?? 200, headers: fault.headers };
          text = fault.body ?? JSON.stringify({ errorMessages: [`Scripted fault ${fault.status}`] });
        } else {
          reply = isAdmin ? adminRoute(method, url, req, body) : jiraRoute(method, url, req, account);
          if (fault?.headers) reply.headers = { ...reply.headers, ...fault.headers };
          text = reply.body === undefined ? '' : JSON.stringify(reply.body);
        }
        call.status = reply.status;
        res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(text);
      };
      const wait = latencyMs + (fault?.delayMs ?? 0);
      if (wait > 0) setTimeout(send, wait);
      else send();
    });
  });

  function jiraRoute(
    method: string,
    url: URL,
    req: http.IncomingMessage,
    account: string | undefined,
  ): Reply {
    const p = url.pathname;
    const q = url.searchParams;
    if (method !== 'GET') return error(405, `${method} is not supported by the fake`);
    const caller = account ? callers[account] : undefined;
    if (!account) return error(401, 'Client must be authenticated to access this resource.');

    if (p === '/rest/api/3/mypermissions') {
      const wanted = (q.get('permissions') ?? '').split(',').filter(Boolean);
      if (wanted.length === 0) return error(400, 'The permissions query parameter is required.');
      const projectKey = q.get('projectKey');
      if (projectKey && !data.desks.some((d) => d.projectKey === projectKey)) {
        return error(404, `No project could be found with key '${projectKey}'.`);
      }
      const has = (permission: string) => {
        if (permission === 'ADMINISTER') return !!caller?.jiraAdmin;
        if (permission === 'ADMINISTER_PROJECTS') {
          const pa = caller?.projectAdmin;
          if (caller?.jiraAdmin) return true;
          if (pa === 'all') return true;
          return !!pa && (projectKey ? pa.includes(projectKey) : pa.length > 0);
        }
        return false;
      };
      return ok({
        permissions: Object.fromEntries(
          wanted.map((key) => [
            key,
            {
              id: key,
              key,
              name: key,
              type: key === 'ADMINISTER' ? 'GLOBAL' : 'PROJECT',
              havePermission: has(key),
            },
          ]),
        ),
      });
    }

    if (p === '/rest/api/3/user/search') {
      const query = (q.get('query') ?? '').toLowerCase();
      if (!query) return error(400, 'One of the query parameters query, accountId or property is required.');
      const found = data.users.filter(
        (u) => u.emailAddress.startsWith(query) || u.displayName.toLowerCase().startsWith(query),
      );
      return ok(found.map((u) => jiraUser(u, false)));
    }

    if (p === '/rest/api/3/user') {
      const user = data.users.find((u) => u.accountId === q.get('accountId'));
      if (!user) return error(404, `Specified user does not exist or you do not have required permissions`);
      return ok(jiraUser(user, (q.get('expand') ?? '').includes('applicationRoles')));
    }

    const scheme = /^\/rest\/api\/3\/project\/([^/]+)\/permissionscheme$/.exec(p);
    if (scheme) {
      const key = decodeURIComponent(scheme[1]);
      const desk = data.desks.find((d) => d.projectKey === key || d.projectId === key);
      if (!desk) return error(404, `No project could be found with key '${key}'.`);
      if (
        !caller?.jiraAdmin &&
        !(caller?.projectAdmin === 'all' || caller?.projectAdmin?.includes(desk.projectKey))
      ) {
        return error(403, 'You do not have permission to view the permission scheme of this project.');
      }
      const expand = (q.get('expand') ?? '').split(',');
      const grants = [
        {
          id: 1,
          holder: { type: 'projectRole', parameter: '10002', value: '10002' },
          permission: 'ADMINISTER_PROJECTS',
        },
        { id: 2, holder: { type: 'sd.customer.portal.only' }, permission: 'BROWSE_PROJECTS' },
        ...(desk.portalAccessGrants
          ? [{ id: 3, holder: { type: 'sd.customer.portal.only' }, permission: 'CREATE_ISSUES' }]
          : []),
      ];
      return ok({
        id: 10000 + Number(desk.id),
        name: `${desk.projectKey}: Jira Service Management Permission Scheme`,
        ...(expand.includes('permissions') || expand.includes('all') ? { permissions: grants } : {}),
      });
    }

    if (p === '/rest/api/3/project/search') {
      const values = data.desks.map((d) => ({
        id: d.projectId,
        key: d.projectKey,
        name: d.projectName,
        projectTypeKey: 'service_desk',
      }));
      return ok({ startAt: 0, maxResults: 50, total: values.length, isLast: true, values });
    }

    if (p === '/rest/servicedeskapi/servicedesk') {
      const start = Number(q.get('start') ?? 0);
      const limit = Math.min(Number(q.get('limit') ?? 50), 100);
      const values = data.desks.slice(start, start + limit).map((d) => ({
        id: d.id,
        projectId: d.projectId,
        projectKey: d.projectKey,
        projectName: d.projectName,
        _links: { self: `/rest/servicedeskapi/servicedesk/${d.id}` },
      }));
      return ok({
        size: values.length,
        start,
        limit,
        isLastPage: start + limit >= data.desks.length,
        values,
      });
    }

    // {serviceDeskId} "can alternatively be a project identifier" (key or id).
    const deskOf = (id: string) =>
      data.desks.find((d) => d.id === id || d.projectKey === id || d.projectId === id);

    const organizations = /^\/rest\/servicedeskapi\/servicedesk\/([^/]+)\/organization$/.exec(p);
    if (organizations) {
      const desk = deskOf(decodeURIComponent(organizations[1]));
      if (!desk) return error(404, 'The service desk does not exist.');
      const member = data.users.find((u) => u.accountId === q.get('accountId'))?.emailAddress;
      const values = (options.organizations?.[desk.projectKey] ?? [])
        .map((o, i) => ({ id: String(i + 1), name: o.name, members: o.members.map((m) => m.toLowerCase()) }))
        .filter((o) => !q.get('accountId') || (member !== undefined && o.members.includes(member)))
        .map(({ id, name }) => ({ id, name }));
      return ok({ size: values.length, start: 0, limit: 50, isLastPage: true, values });
    }

    const customers = /^\/rest\/servicedeskapi\/servicedesk\/([^/]+)\/customer$/.exec(p);
    if (customers) {
      if (header(req, 'x-experimentalapi') !== 'opt-in') {
        return error(
          412,
          'This API is experimental. Experimental APIs need the X-ExperimentalApi: opt-in header.',
        );
      }
      const desk = deskOf(decodeURIComponent(customers[1]));
      if (!desk) return error(404, 'The service desk does not exist.');
      const query = (q.get('query') ?? '').toLowerCase();
      const values = desk.customers
        .filter((email) => email.includes(query))
        .map((email) => {
          const user = data.users.find((u) => u.emailAddress === email);
          return {
            accountId: user?.accountId ?? `qm:customer:${email}`,
            displayName: user?.displayName ?? email,
            active: user?.active ?? true,
            ...(options.hideEmails ? {} : { emailAddress: email }),
          };
        });
      return ok({ size: values.length, start: 0, limit: 50, isLastPage: true, values });
    }

    return error(404, `The fake has no ${p}`);
  }

  function jiraUser(u: FakeSiteData['users'][number], withRoles: boolean) {
    return {
      self: `/rest/api/3/user?accountId=${u.accountId}`,
      accountId: u.accountId,
      accountType: u.accountType,
      active: u.active,
      displayName: u.displayName,
      ...(options.hideEmails ? {} : { emailAddress: u.emailAddress }),
      ...(withRoles
        ? {
            applicationRoles: {
              size: u.applicationRoles.length,
              items: u.applicationRoles.map((key) => ({ key, name: key })),
            },
          }
        : {}),
    };
  }

  function adminRoute(method: string, url: URL, req: http.IncomingMessage, body: unknown): Reply {
    if (header(req, 'authorization') !== `Bearer ${apiKey}`) {
      return { status: 401, body: { code: 401, message: 'Unauthorized' } };
    }
    const p = url.pathname;
    const list = /^\/admin\/v2\/orgs\/([^/]+)\/app-access-settings\/domains$/.exec(p);
    const one = /^\/admin\/v2\/orgs\/([^/]+)\/app-access-settings\/domains\/([^/]+)$/.exec(p);
    const search = /^\/admin\/v1\/orgs\/([^/]+)\/users\/search$/.exec(p);
    const org = (list ?? one ?? search)?.[1];
    if (!org) return { status: 404, body: { code: 404, message: `The fake has no ${p}` } };
    if (decodeURIComponent(org) !== orgId)
      return { status: 404, body: { code: 404, message: 'Organization not found' } };
    if (list && method === 'GET') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 100);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const page = data.domains.slice(start, start + limit);
      const next = start + limit < data.domains.length ? String(start + limit) : null;
      return ok({
        data: page.map((d) => ({
          domain: d.domain,
          enabled: d.enabled,
          numberOfProductsAppliesTo: d.products.length,
        })),
        links: { self: p, prev: null, next },
      });
    }
    if (one && method === 'GET') {
      const domain = decodeURIComponent(one[2]);
      const row = data.domains.find((d) => d.domain.toLowerCase() === domain.toLowerCase());
      return ok(
        row
          ? { ...row, adminNotifications: false }
          : { domain, enabled: false, adminNotifications: false, products: [] },
      );
    }
    if (search && method === 'POST') {
      const b = (body ?? {}) as { emailUsernames?: { eq?: string[] }; emailDomains?: { eq?: string[] } };
      const locals = (b.emailUsernames?.eq ?? []).map((s) => s.toLowerCase());
      const domains = (b.emailDomains?.eq ?? []).map((s) => s.toLowerCase());
      const found = data.directory.filter((u) => {
        const [local, domain] = [
          u.email.slice(0, u.email.lastIndexOf('@')),
          u.email.slice(u.email.lastIndexOf('@') + 1),
        ];
        return (
          (locals.length === 0 || locals.includes(local)) &&
          (domains.length === 0 || domains.includes(domain))
        );
      });
      return ok({ data: found, links: { next: null } });
    }
    return { status: 405, body: { code: 405, message: `${method} is not supported here` } };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    data,
    orgId,
    apiKey,
    setFaults(next) {
      faults = next.map((f) => ({ ...f }));
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

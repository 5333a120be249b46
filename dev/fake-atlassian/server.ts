/**
 * A local fake of the Atlassian REST APIs the backend calls. It plays Atlassian, not the app: every
 * path, parameter and field it serves is cited to Atlassian's published description —
 * [JIRA-OAS] the Jira platform OpenAPI 2026-06-10 and [JSM-OAS] the Service Management OpenAPI
 * 2023-08-28 (both excerpted in openapi-excerpt.json by extract-openapi.mjs), and [AD-API] / [DIR-API]
 * the organization Admin API pages on developer.atlassian.com (cited in openapi-excerpt.json's `admin`
 * section; their request and response models are also generated into the jira.js admin client).
 * It behaves as documented, silences included: "Find users" lists active users only and answers []
 * to a caller without Browse users and groups; email addresses may be absent or null; customers are
 * paged with the fake's own limit; approved domains come as a list without roles plus one GET per
 * domain. Anything else answers 404 and is recorded in `unknown` (the test harness fails such a test).
 * Seeded from a Snapshot; slow and faulty on request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../../src/evaluator';
import { sampleSnapshot } from '../../src/evaluator/sample';
import { seedFromSnapshot, type EmailVisibility, type FakeSiteData, type FakeUser } from './seed';

/** Who may do what on the fake site. */
export interface FakeCaller {
  jiraAdmin?: boolean;
  /** The "Browse users and groups" global permission (USER_PICKER); default true. */
  browseUsers?: boolean;
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
  /** Hide every user's email address (profile visibility): Jira answers `emailAddress: null`. */
  hideEmails?: boolean;
  /** Per address: how Jira shows it ('absent' leaves the field out, 'null' answers null). */
  emails?: Record<string, EmailVisibility>;
  /**
   * The most customers one page holds. [JSM-OAS] Pagination: "Each resource or method has a unique
   * limit on the maximum number of items returned … an implementation detail": this is the fake's own.
   */
  customerPageLimit?: number;
  port?: number;
}

export interface FakeAtlassian {
  url: string;
  calls: FakeCall[];
  data: FakeSiteData;
  /** Calls to a path the fake does not know (answered 404): a test that made one fails. */
  unknown: FakeCall[];
  orgId: string;
  apiKey: string;
  setFaults(faults: FakeFault[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

interface Reply {
  /** The path is not one the fake serves. */
  unknown?: boolean;
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
  const data = seedFromSnapshot(snapshot, options.agents, options.emails);
  const unknown: FakeCall[] = [];
  const customerPageLimit = options.customerPageLimit ?? 50;
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
          if (reply.unknown) unknown.push(call);
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

  const notServed = (p: string): Reply => ({
    unknown: true,
    status: 404,
    body: { errorMessages: [`The fake Atlassian API does not serve ${p}`], errors: {} },
  });

  function emailOf(u: FakeUser): Record<string, string | null> {
    if (options.hideEmails || u.email === 'null') return { emailAddress: null };
    if (u.email === 'absent') return {};
    return { emailAddress: u.emailAddress };
  }

  /** [JIRA-OAS] components.schemas.User: self, accountId, accountType, emailAddress, displayName, active, groups, applicationRoles. */
  function jiraUser(u: FakeUser, expand: string[] = []) {
    return {
      self: `/rest/api/3/user?accountId=${u.accountId}`,
      accountId: u.accountId,
      accountType: u.accountType,
      ...emailOf(u),
      displayName: u.displayName,
      active: u.active,
      ...(expand.includes('groups')
        ? { groups: { size: u.groups.length, items: u.groups.map((name) => ({ name })) } }
        : {}),
      ...(expand.includes('applicationRoles')
        ? {
            applicationRoles: {
              size: u.applicationRoles.length,
              items: u.applicationRoles.map((key) => ({ key, name: key })),
            },
          }
        : {}),
    };
  }

  function jiraRoute(
    method: string,
    url: URL,
    req: http.IncomingMessage,
    account: string | undefined,
  ): Reply {
    const p = url.pathname;
    const q = url.searchParams;
    const caller = account ? callers[account] : undefined;
    const known =
      /^\/rest\/api\/3\/(mypermissions|user|user\/search|users\/search|project\/[^/]+\/permissionscheme)$/.test(
        p,
      ) || /^\/rest\/servicedeskapi\/servicedesk(\/[^/]+(\/(customer|organization))?)?$/.test(p);
    if (!known) return notServed(p);
    if (method !== 'GET') return error(405, `${method} is not supported by ${p}`);
    if (!account) return error(401, 'Client must be authenticated to access this resource.');
    const browseUsers = caller?.browseUsers !== false;

    // [JIRA-OAS] GET /rest/api/3/mypermissions?projectKey=&permissions= → { permissions: { KEY: { havePermission } } }
    if (p === '/rest/api/3/mypermissions') {
      const wanted = (q.get('permissions') ?? '').split(',').filter(Boolean);
      if (wanted.length === 0) return error(400, 'The permissions query parameter is required.');
      const projectKey = q.get('projectKey');
      if (projectKey && !data.desks.some((d) => d.projectKey === projectKey)) {
        return error(404, `No project could be found with key '${projectKey}'.`);
      }
      const has = (permission: string) => {
        if (permission === 'ADMINISTER') return !!caller?.jiraAdmin;
        if (permission === 'USER_PICKER') return !!caller && browseUsers;
        if (permission === 'ADMINISTER_PROJECTS') {
          const pa = caller?.projectAdmin;
          if (caller?.jiraAdmin) return true;
          if (pa === 'all') return true;
          return !!pa && (projectKey ? pa.includes(projectKey) : pa.length > 0);
        }
        return false;
      };
      const global = ['ADMINISTER', 'USER_PICKER'];
      return ok({
        permissions: Object.fromEntries(
          wanted.map((key) => [
            key,
            {
              id: key,
              key,
              name: key,
              type: global.includes(key) ? 'GLOBAL' : 'PROJECT',
              havePermission: has(key),
            },
          ]),
        ),
      });
    }

    // [JIRA-OAS] findUsers: "Returns a list of active users that match the search string" (prefix of
    // displayName or emailAddress); "calls by users without the required permission return empty
    // search results"; startAt/maxResults paging.
    if (p === '/rest/api/3/user/search') {
      const query = (q.get('query') ?? '').toLowerCase();
      const accountId = q.get('accountId');
      if (!query && !accountId)
        return error(400, 'One of the query parameters query, accountId or property is required.');
      if (!browseUsers) return ok([]);
      const found = data.users.filter(
        (u) =>
          u.active &&
          (accountId
            ? u.accountId === accountId
            : u.emailAddress.startsWith(query) ||
              u.displayName
                .toLowerCase()
                .split(/\s+/)
                .some((w) => w.startsWith(query))),
      );
      const startAt = Number(q.get('startAt') ?? 0);
      const maxResults = Number(q.get('maxResults') ?? 50);
      return ok(found.slice(startAt, startAt + maxResults).map((u) => jiraUser(u)));
    }

    // [JIRA-OAS] getAllUsers: "all users, including active users, inactive users and previously deleted
    // users"; startAt, maxResults "(limited to 1000)"; needs Browse users and groups (403 otherwise).
    if (p === '/rest/api/3/users/search') {
      if (!browseUsers) return error(403, 'You do not have the Browse users and groups permission.');
      const startAt = Number(q.get('startAt') ?? 0);
      const maxResults = Math.min(Number(q.get('maxResults') ?? 50), 1000);
      return ok(data.users.slice(startAt, startAt + maxResults).map((u) => jiraUser(u)));
    }

    // [JIRA-OAS] getUser: accountId, expand=groups,applicationRoles; needs Browse users and groups.
    if (p === '/rest/api/3/user') {
      if (!browseUsers) return error(403, 'You do not have the Browse users and groups permission.');
      const user = data.users.find((u) => u.accountId === q.get('accountId'));
      if (!user) return error(404, 'Specified user does not exist or you do not have required permissions');
      return ok(jiraUser(user, (q.get('expand') ?? '').split(',')));
    }

    // [JIRA-OAS] getAssignedPermissionScheme: GET /rest/api/3/project/{projectKeyOrId}/permissionscheme?expand=permissions
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
      // [JIRA-OAS] PermissionGrant: id, holder { type, parameter, value }, permission.
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

    // [JSM-OAS] Pagination: start, limit (capped by the server), size, isLastPage, values.
    const paged = <T>(all: T[], cap: number) => {
      const start = Math.max(0, Number(q.get('start') ?? 0));
      const limit = Math.min(Math.max(1, Number(q.get('limit') ?? 50)), cap);
      const values = all.slice(start, start + limit);
      return { size: values.length, start, limit, isLastPage: start + values.length >= all.length, values };
    };
    // [JSM-OAS] ServiceDeskDTO: id, projectId, projectKey, projectName, _links.
    const deskDto = (d: FakeSiteData['desks'][number]) => ({
      id: d.id,
      projectId: d.projectId,
      projectKey: d.projectKey,
      projectName: d.projectName,
      _links: { self: `/rest/servicedeskapi/servicedesk/${d.id}` },
    });
    // [JSM-OAS] {serviceDeskId} "can alternatively be a project identifier" (key or id).
    const deskOf = (id: string) =>
      data.desks.find((d) => d.id === id || d.projectKey === id || d.projectId === id);

    // [JSM-OAS] getServiceDesks: GET /rest/servicedeskapi/servicedesk?start&limit
    if (p === '/rest/servicedeskapi/servicedesk') return ok(paged(data.desks.map(deskDto), 100));

    // [JSM-OAS] getServiceDeskById: GET /rest/servicedeskapi/servicedesk/{serviceDeskId}
    const one = /^\/rest\/servicedeskapi\/servicedesk\/([^/]+)$/.exec(p);
    if (one) {
      const desk = deskOf(decodeURIComponent(one[1]));
      return desk ? ok(deskDto(desk)) : error(404, 'The service desk does not exist.');
    }

    // [JSM-OAS] getOrganizations: GET …/servicedesk/{serviceDeskId}/organization?accountId&start&limit
    const organizations = /^\/rest\/servicedeskapi\/servicedesk\/([^/]+)\/organization$/.exec(p);
    if (organizations) {
      const desk = deskOf(decodeURIComponent(organizations[1]));
      if (!desk) return error(404, 'The service desk does not exist.');
      const member = data.users.find((u) => u.accountId === q.get('accountId'))?.emailAddress;
      const values = (options.organizations?.[desk.projectKey] ?? [])
        .map((o, i) => ({ id: String(i + 1), name: o.name, members: o.members.map((m) => m.toLowerCase()) }))
        .filter((o) => !q.get('accountId') || (member !== undefined && o.members.includes(member)))
        .map(({ id, name }) => ({ id, name }));
      return ok(paged(values, 50));
    }

    // [JSM-OAS] getCustomers: GET …/servicedesk/{serviceDeskId}/customer?query&start&limit; experimental:
    // 412 without X-ExperimentalApi: opt-in; UserDTO.emailAddress "may be returned as null".
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
        .map((email) => {
          const user =
            data.users.find((u) => u.emailAddress === email && u.accountType === 'customer') ??
            data.users.find((u) => u.emailAddress === email);
          return { email, user };
        })
        .filter(
          ({ email, user }) =>
            email.startsWith(query) || (user?.displayName.toLowerCase() ?? '').startsWith(query),
        )
        .map(({ email, user }) => ({
          accountId: user?.accountId ?? `qm:fake:${email}`,
          displayName: user?.displayName ?? email,
          active: user?.active ?? true,
          emailAddress:
            options.hideEmails || user?.email === 'null' || user?.email === 'absent' ? null : email,
        }));
      return ok(paged(values, customerPageLimit));
    }

    return notServed(p);
  }

  const adminError = (status: number, message: string): Reply => ({
    status,
    body: { code: status, message },
  });

  function adminRoute(method: string, url: URL, req: http.IncomingMessage, body: unknown): Reply {
    const p = url.pathname;
    const list = /^\/admin\/v2\/orgs\/([^/]+)\/app-access-settings\/domains$/.exec(p);
    const one = /^\/admin\/v2\/orgs\/([^/]+)\/app-access-settings\/domains\/([^/]+)$/.exec(p);
    const search = /^\/admin\/v2\/orgs\/([^/]+)\/directories\/-\/users\/search$/.exec(p);
    const org = (list ?? one ?? search)?.[1];
    if (!org) return { ...notServed(p), body: { code: 404, message: `The fake does not serve ${p}` } };
    if (header(req, 'authorization') !== `Bearer ${apiKey}`) return adminError(401, 'Unauthorized');
    if (decodeURIComponent(org) !== orgId) return adminError(404, 'Organization not found');

    // [AD-API] GET /admin/v2/orgs/{orgId}/app-access-settings/domains?cursor&limit → { data: [{ domain,
    // enabled, numberOfProductsAppliesTo }], links: { self, next } } — no roles in the list.
    if (list && method === 'GET') {
      const limit = Math.min(Math.max(1, Number(url.searchParams.get('limit') ?? 20)), 100);
      const cursor = url.searchParams.get('cursor');
      const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8')) : 0;
      if (!Number.isInteger(start) || start < 0) return adminError(400, 'Invalid cursor');
      const rows = data.domains.slice(start, start + limit);
      const end = start + rows.length;
      return ok({
        data: rows.map((r) => ({
          domain: r.domain,
          enabled: r.enabled,
          numberOfProductsAppliesTo: r.products.length,
        })),
        links: {
          self: p,
          next: end < data.domains.length ? Buffer.from(String(end)).toString('base64') : null,
        },
      });
    }
    // [AD-API] GET …/domains/{domain} → { domain, enabled, adminNotifications, products: [{ productId,
    // accessMode, defaultRole }] }; a domain that is not listed answers enabled: false, products: [].
    if (one && method === 'GET') {
      const domain = decodeURIComponent(one[2]);
      const row = data.domains.find((d) => d.domain.toLowerCase() === domain.toLowerCase());
      return ok(
        row
          ? { domain: row.domain, enabled: row.enabled, adminNotifications: false, products: row.products }
          : { domain, enabled: false, adminNotifications: false, products: [] },
      );
    }
    // [DIR-API] POST /admin/v2/orgs/{orgId}/directories/-/users/search { emails, roleIds, expand, limit,
    // cursor } → { data: [{ accountId, accountType, email, name, status, accountStatus,
    // membershipStatus }], links: { next } }. `emails` matches whole addresses; `roleIds` keeps accounts
    // holding one of the roles. (expand productAccess would add { key, id, lastActiveTimestamp } per
    // product, no role: the fake does not serve it and the app does not ask for it.)
    if (search && method === 'POST') {
      const b = (body ?? {}) as {
        emails?: string[];
        roleIds?: string[];
        expand?: string[];
        searchTerm?: string;
      };
      if (b.emails && b.searchTerm) return adminError(400, 'searchTerm and emails are mutually exclusive');
      const emails = (b.emails ?? []).map((e) => e.toLowerCase());
      const found = data.directory.filter(
        (u) =>
          (emails.length === 0 || emails.includes(u.email)) &&
          (!b.roleIds?.length || b.roleIds.some((r) => u.roleIds.includes(r))),
      );
      return ok({
        data: found.map((u) => ({
          accountId: u.accountId,
          accountType: u.accountType,
          status: u.status,
          accountStatus: u.accountStatus,
          membershipStatus: u.membershipStatus,
          name: u.name,
          email: u.email,
        })),
        links: { next: null },
      });
    }
    return adminError(405, `${method} is not supported by ${p}`);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    data,
    unknown,
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

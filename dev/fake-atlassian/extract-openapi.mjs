// Copies the parts of Atlassian's OpenAPI descriptions the backend uses into openapi-excerpt.json,
// so the fake server and the tests check paths, parameters, scopes and fields without the full files.
// Run from the repository root: node dev/fake-atlassian/extract-openapi.mjs DIR (the directory holding
// Atlassian's jira-platform.2026-06-10.json and jira-service-management.2023-08-28.json).
import fs from 'node:fs';
import path from 'node:path';
import { URL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node dev/fake-atlassian/extract-openapi.mjs DIR (Atlassian OpenAPI files)');
  process.exit(2);
}
const specs = {
  jira: JSON.parse(fs.readFileSync(path.join(dir, 'jira-platform.2026-06-10.json'), 'utf8')),
  jsm: JSON.parse(fs.readFileSync(path.join(dir, 'jira-service-management.2023-08-28.json'), 'utf8')),
};
const operations = [
  ['jira', 'get', '/rest/api/3/mypermissions'],
  ['jira', 'get', '/rest/api/3/user/search'],
  ['jira', 'get', '/rest/api/3/users/search'],
  ['jira', 'get', '/rest/api/3/user'],
  ['jira', 'get', '/rest/api/3/project/{projectKeyOrId}/permissionscheme'],
  ['jsm', 'get', '/rest/servicedeskapi/servicedesk'],
  ['jsm', 'get', '/rest/servicedeskapi/servicedesk/{serviceDeskId}'],
  ['jsm', 'get', '/rest/servicedeskapi/servicedesk/{serviceDeskId}/customer'],
  ['jsm', 'get', '/rest/servicedeskapi/servicedesk/{serviceDeskId}/organization'],
];

function resolve(spec, schema, depth = 0) {
  if (!schema || depth > 3) return undefined;
  if (schema.$ref) return resolve(spec, spec.components.schemas[schema.$ref.split('/').pop()], depth);
  if (schema.type === 'array') return { array: resolve(spec, schema.items, depth + 1) ?? true };
  if (schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolve(spec, v, depth + 1) ?? v.type ?? true]),
    );
  }
  return schema.type ?? true;
}

const out = {
  source:
    'Extracted from Atlassian OpenAPI: Jira platform 2026-06-10, Service Management 2023-08-28 (Apache 2.0).',
  operations: operations.map(([name, method, p]) => {
    const spec = specs[name];
    const op = spec.paths[p][method];
    const listed = op['x-atlassian-oauth2-scopes'] ?? [];
    const classic = listed.find((s) => s.state === 'Current')?.scopes ?? [];
    const granular = listed.find((s) => s.state === 'Beta')?.scopes ?? [];
    // Least privilege (Atlassian's security checklist SEC-01/SEC-09): the classic scope when it is
    // read-only; where the classic scope is a write scope (manage:…) and Atlassian lists read-only
    // granular scopes, those instead.
    const writes = classic.some((s) => !s.startsWith('read:'));
    const readOnlyGranular = granular.length > 0 && granular.every((s) => s.startsWith('read:'));
    const scopes = writes && readOnlyGranular ? granular : classic;
    return {
      method: method.toUpperCase(),
      path: p,
      operationId: op.operationId,
      parameters: (op.parameters ?? []).map((x) => ({ name: x.name, in: x.in })),
      scopes,
      classicScopes: classic,
      granularScopes: granular,
      response: resolve(spec, op.responses['200']?.content?.['application/json']?.schema),
    };
  }),
  // The Admin API endpoints the app calls predate or postdate the 2023-08 Admin OpenAPI files, so their
  // shapes are written here with the page each comes from (domain.md §4 [AD-API], [DIR-API]); the
  // request and response models of the users search are also generated into the jira.js admin client
  // (src/admin/api/users.ts searchDirectoryUsers, src/admin/models/multiDirectoryUser.ts).
  admin: {
    source: 'developer.atlassian.com/cloud/admin/organization/rest/ (app access settings: experimental)',
    operations: [
      {
        method: 'GET',
        path: '/admin/v2/orgs/{orgId}/app-access-settings/domains',
        cite: 'developer.atlassian.com/cloud/admin/organization/rest/api-group-app-access-settings/',
        parameters: ['cursor', 'limit'],
        scopes: ['read:app-access-settings:admin'],
        response: {
          data: { array: { domain: 'string', enabled: 'boolean', numberOfProductsAppliesTo: 'integer' } },
          links: { self: 'string', next: 'string' },
        },
        note: 'lists rows without roles; the row ANYONE is Any domain; cursor paging via links.next',
      },
      {
        method: 'GET',
        path: '/admin/v2/orgs/{orgId}/app-access-settings/domains/{domain}',
        cite: 'developer.atlassian.com/cloud/admin/organization/rest/api-group-app-access-settings/',
        scopes: ['read:app-access-settings:admin'],
        response: {
          domain: 'string',
          enabled: 'boolean',
          adminNotifications: 'boolean',
          products: {
            array: {
              productId: 'string',
              accessMode: 'DIRECT_ACCESS | INVITE_ONLY | ADMIN_APPROVAL',
              defaultRole: 'string',
            },
          },
        },
        note: 'a domain that is not listed answers enabled: false, products: []; no JSM productId or role id is published',
      },
      {
        method: 'POST',
        path: '/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search',
        cite: 'developer.atlassian.com/cloud/admin/organization/rest/api-group-users/ (Search for users in an organization); directoryId "-" = every directory',
        scopes: ['read:directories:admin'],
        body: [
          'cursor',
          'limit',
          'accountIds',
          'directoryIds',
          'resourceIds',
          'groupIds',
          'status',
          'accountStatus',
          'membershipStatus',
          'roleIds',
          'emailDomains',
          'searchTerm',
          'emails',
          'expand',
          'sortBy',
        ],
        response: {
          data: {
            array: {
              accountId: 'string',
              accountType: 'string',
              status: 'active | suspended | not_invited | deactivated | for_deletion',
              accountStatus: 'active | inactive | closed',
              membershipStatus: 'active | suspended | no_membership',
              name: 'string',
              email: 'string',
            },
          },
          links: { next: 'string' },
        },
        note: 'searchTerm and emails are mutually exclusive (400); roleIds e.g. atlassian/customer; expand productAccess gives { key, id, lastActiveTimestamp } per product, no role',
      },
    ],
  },
};
fs.writeFileSync(new URL('./openapi-excerpt.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.operations.length} Jira operations`);

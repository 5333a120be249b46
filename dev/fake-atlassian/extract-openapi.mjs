// Copies the parts of Atlassian's OpenAPI descriptions the backend uses into openapi-excerpt.json,
// so the fake server and the tests check paths, parameters, scopes and fields without ../shared.
// Run from the repository root: node dev/fake-atlassian/extract-openapi.mjs [../shared/openapi]
import fs from 'node:fs';
import path from 'node:path';
import { URL } from 'node:url';

const dir = process.argv[2] ?? '../shared/openapi';
const specs = {
  jira: JSON.parse(fs.readFileSync(path.join(dir, 'jira-platform.2026-06-10.json'), 'utf8')),
  jsm: JSON.parse(fs.readFileSync(path.join(dir, 'jira-service-management.2023-08-28.json'), 'utf8')),
};
const operations = [
  ['jira', 'get', '/rest/api/3/mypermissions'],
  ['jira', 'get', '/rest/api/3/user/search'],
  ['jira', 'get', '/rest/api/3/user'],
  ['jira', 'get', '/rest/api/3/project/{projectKeyOrId}/permissionscheme'],
  ['jira', 'get', '/rest/api/3/project/search'],
  ['jsm', 'get', '/rest/servicedeskapi/servicedesk'],
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
    const scopes = (op['x-atlassian-oauth2-scopes'] ?? []).find((s) => s.state === 'Current')?.scopes ?? [];
    return {
      method: method.toUpperCase(),
      path: p,
      operationId: op.operationId,
      parameters: (op.parameters ?? []).map((x) => ({ name: x.name, in: x.in })),
      scopes,
      response: resolve(spec, op.responses['200']?.content?.['application/json']?.schema),
    };
  }),
  admin: {
    source:
      'developer.atlassian.com/cloud/admin/organization/rest (experimental endpoints, not in the 2023-08 files)',
    operations: [
      {
        method: 'GET',
        path: '/admin/v2/orgs/{orgId}/app-access-settings/domains',
        parameters: ['cursor', 'limit'],
        scopes: ['read:app-access-settings:admin'],
      },
      {
        method: 'GET',
        path: '/admin/v2/orgs/{orgId}/app-access-settings/domains/{domain}',
        scopes: ['read:app-access-settings:admin'],
      },
      { method: 'POST', path: '/admin/v1/orgs/{orgId}/users/search', scopes: ['read:directories:admin'] },
    ],
  },
};
fs.writeFileSync(new URL('./openapi-excerpt.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.operations.length} Jira operations`);

/**
 * Approved domains from the organization Admin API (org API key, egress to api.atlassian.com):
 * GET /admin/v2/orgs/{orgId}/app-access-settings/domains (cursor pages; the row ANYONE is "Any
 * domain"), then each row's products: GET …/domains/{domain} (experimental; read:app-access-settings:admin).
 * An answer this code cannot map with certainty fails the read rather than being guessed.
 */
import { z } from 'zod';
import type { ApprovedDomainRole, ApprovedDomains } from '../../evaluator';
import { ReadError } from '../errors';
import { mapLimit, type Http } from '../http';
import { expectShape } from './shape';

export const DOMAINS_READ = 'the approved domains (Admin API)';
export const ANY_DOMAIN_ROW = 'ANYONE';

/** Jira Service Management's product in the app access settings, and its role ids. */
export const JSM_PRODUCT = /^ari:cloud:jira-servicedesk::/;
export const JSM_ROLES: Record<string, ApprovedDomainRole> = {
  'ari:cloud:jira-servicedesk::role/customer': 'customer',
  'ari:cloud:jira-servicedesk::role/user': 'user',
  'ari:cloud:jira-servicedesk::role/agent': 'user',
};

const domainList = z.object({
  data: z.array(z.object({ domain: z.string(), enabled: z.boolean().optional() }).loose()),
  links: z.object({ next: z.string().nullable().optional() }).loose().optional(),
});

const product = z
  .object({ productId: z.string(), accessMode: z.string().optional(), defaultRole: z.string().optional() })
  .loose();
const domainDetail = z
  .object({ domain: z.string(), enabled: z.boolean().optional(), products: z.array(product) })
  .loose();

const MAX_PAGES = 20;

export async function readApprovedDomains(
  http: Http,
  orgId: string,
  apiKey: string,
): Promise<ApprovedDomains> {
  const rows: { domain: string; enabled?: boolean }[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const json = await http.admin(
      DOMAINS_READ,
      `/admin/v2/orgs/${encodeURIComponent(orgId)}/app-access-settings/domains?${query}`,
      apiKey,
    );
    const listed = expectShape(DOMAINS_READ, 'the Admin API', domainList, json);
    rows.push(...listed.data);
    const next = listed.links?.next;
    if (!next || listed.data.length === 0) break;
    cursor = nextCursor(next);
  }
  const roles = await mapLimit(rows, 5, async (row) => {
    if (row.enabled === false) return [row.domain, 'none' as ApprovedDomainRole] as const;
    const json = await http.admin(
      DOMAINS_READ,
      `/admin/v2/orgs/${encodeURIComponent(orgId)}/app-access-settings/domains/${encodeURIComponent(row.domain)}`,
      apiKey,
    );
    return [row.domain, jsmRole(expectShape(DOMAINS_READ, 'the Admin API', domainDetail, json))] as const;
  });
  const domains: Record<string, ApprovedDomainRole> = {};
  let anyDomain: ApprovedDomainRole = 'none';
  for (const [domain, role] of roles) {
    if (domain.toUpperCase() === ANY_DOMAIN_ROW) anyDomain = role;
    else domains[domain.toLowerCase()] = role;
  }
  return { domains, anyDomain };
}

/** `links.next` is a cursor ("ZXhh…&limit=20") or a URL with a cursor parameter. */
function nextCursor(next: string): string {
  if (/^https?:|\?/.test(next)) {
    const url = new URL(next, 'https://api.atlassian.com');
    return url.searchParams.get('cursor') ?? '';
  }
  return next.replace(/&.*$/, '');
}

/** The role a domain's row grants for Jira Service Management; unknown forms fail the read. */
function jsmRole(detail: z.infer<typeof domainDetail>): ApprovedDomainRole {
  if (detail.enabled === false) return 'none';
  const jsm = detail.products.filter((p) => JSM_PRODUCT.test(p.productId));
  if (jsm.length === 0) return 'none';
  const entry = jsm[0];
  if (entry.accessMode && entry.accessMode !== 'DIRECT_ACCESS') {
    throw new ReadError(
      DOMAINS_READ,
      `the row for ${detail.domain} uses access mode ${entry.accessMode}, which this app cannot map to a role`,
    );
  }
  const role = entry.defaultRole ? JSM_ROLES[entry.defaultRole] : undefined;
  if (!role) {
    throw new ReadError(
      DOMAINS_READ,
      `the row for ${detail.domain} grants Jira Service Management the role "${entry.defaultRole ?? '(none)'}", which this app does not know`,
    );
  }
  return role;
}

/**
 * Approved domains from the organization Admin API (org API key, egress to api.atlassian.com; scope
 * read:app-access-settings:admin; experimental):
 * - GET /admin/v2/orgs/{orgId}/app-access-settings/domains/{domain} → { domain, enabled, products:
 *   [{ productId, accessMode, defaultRole }] }; a domain that is not listed answers enabled: false,
 *   products: []. The row ANYONE is "Any domain".
 * Only the rows a diagnosis needs are read (the sender's domain and ANYONE), never every row: the list
 * (GET …/domains, cursor paging, no roles) would cost one call per row to learn the roles.
 *
 * Atlassian publishes no Jira Service Management productId or role id (domain.md §4). The ids below are
 * the ones this app recognises; any other product or role id on a row makes that row's role unknown,
 * shown with its raw ids — never None — unless an admin confirmed what the raw role id means
 * (`confirmations`: raw role id → role).
 */
import { z } from 'zod';
import type { ApprovedDomainRole, ApprovedDomains } from '../../evaluator';
import type { Http } from '../http';
import { expectShape } from './shape';

export const DOMAINS_READ = 'the approved domains (Admin API)';
export const ANY_DOMAIN_ROW = 'ANYONE';

/**
 * Product and role ids this app knows without asking: only Atlassian's published example (Jira's
 * member role), which grants Jira Service Management nothing. Every other id, Jira Service
 * Management's included, is unknown until a Jira admin confirms what it means.
 */
export const NOT_JSM_ROLES = new Set(['ari:cloud:jira::app/all ari:cloud:jira::role/software/member']);

/** An admin's confirmations: raw role id → the Jira Service Management role it means. */
export type RoleConfirmations = Record<string, ApprovedDomainRole>;

const product = z
  .object({ productId: z.string(), accessMode: z.string().optional(), defaultRole: z.string().optional() })
  .loose();
const domainDetail = z
  .object({ domain: z.string().optional(), enabled: z.boolean().optional(), products: z.array(product) })
  .loose();

export interface DomainRow {
  domain: string;
  /** The domain has a row of its own (for ANYONE: the Any domain row is set). */
  listed: boolean;
  /** The role it grants Jira Service Management; absent when unrecognised. */
  role?: ApprovedDomainRole;
  /** The raw ids that could not be mapped ("productId defaultRole (accessMode)"). */
  unrecognised?: string;
}

export type DomainDetail = z.infer<typeof domainDetail>;

/** One row as the Admin API answers it: the sender's domain, or ANYONE. */
export async function readDomainDetail(
  http: Http,
  orgId: string,
  apiKey: string,
  domain: string,
): Promise<DomainDetail> {
  const json = await http.admin(
    DOMAINS_READ,
    `/admin/v2/orgs/${encodeURIComponent(orgId)}/app-access-settings/domains/${encodeURIComponent(domain)}`,
    apiKey,
  );
  return expectShape(DOMAINS_READ, 'the Admin API', domainDetail, json);
}

/** One row and the role it grants (`confirmations`: an admin's meaning of raw role ids). */
export async function readDomainRow(
  http: Http,
  orgId: string,
  apiKey: string,
  domain: string,
  confirmations: RoleConfirmations = {},
): Promise<DomainRow> {
  return rowRole(domain, await readDomainDetail(http, orgId, apiKey, domain), confirmations);
}

export function rowRole(
  domain: string,
  detail: DomainDetail,
  confirmations: RoleConfirmations = {},
): DomainRow {
  if (detail.enabled === false && detail.products.length === 0) return { domain, listed: false };
  if (detail.enabled === false) return { domain, listed: true, role: 'none' };
  const roles: ApprovedDomainRole[] = [];
  const raw: string[] = [];
  for (const p of detail.products) {
    const id = p.defaultRole ?? '(no role)';
    if (NOT_JSM_ROLES.has(`${p.productId} ${id}`)) continue;
    const role = confirmations[id];
    if (role && (!p.accessMode || p.accessMode === 'DIRECT_ACCESS')) roles.push(role);
    else raw.push(`${p.productId} ${id}${p.accessMode ? ` (${p.accessMode})` : ''}`);
  }
  if (roles.includes('customer')) return { domain, listed: true, role: 'customer' };
  if (raw.length > 0) return { domain, listed: true, unrecognised: raw.join(', ') };
  return { domain, listed: true, role: roles.includes('user') ? 'user' : 'none' };
}

/** The approved-domain facts from the rows read: listed rows, the Any domain row, unrecognised ones. */
export function approvedDomainsOf(rows: DomainRow[]): ApprovedDomains {
  const out: ApprovedDomains = { domains: {} };
  for (const row of rows) {
    const any = row.domain.toUpperCase() === ANY_DOMAIN_ROW;
    if (row.unrecognised !== undefined) {
      (out.unrecognised ??= {})[any ? ANY_DOMAIN_ROW : row.domain.toLowerCase()] = row.unrecognised;
    } else if (any) {
      // No Any domain row means it grants nothing.
      out.anyDomain = row.listed ? row.role : 'none';
    } else if (row.listed && row.role) {
      out.domains![row.domain.toLowerCase()] = row.role;
    }
  }
  return out;
}

/** Checks an org id and key with one call (the Any domain row); used when the key is set. */
export async function readApprovedDomains(
  http: Http,
  orgId: string,
  apiKey: string,
): Promise<ApprovedDomains> {
  const any = await readDomainRow(http, orgId, apiKey, ANY_DOMAIN_ROW);
  const out = approvedDomainsOf([any]);
  delete out.domains;
  return out;
}

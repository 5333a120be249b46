/**
 * The sender in the organization's directories, from the Admin API (org API key, egress to
 * api.atlassian.com): POST /admin/v2/orgs/{orgId}/directories/-/users/search with { emails: [EMAIL] }
 * ("Search for users in an organization", scope read:directories:admin). Each record has accountId,
 * accountType, email, status (active | suspended | not_invited | deactivated | for_deletion),
 * accountStatus (active | inactive | closed) and membershipStatus (active | suspended | no_membership).
 * With roleIds ["atlassian/customer"] it answers only accounts holding the Jira Service Management
 * Customer role. (The v1 users search is announced as removed after June 2026 and is not used.)
 */
import { z } from 'zod';
import type { Http } from '../http';
import { expectShape, sameAddress } from './shape';

export const ADMIN_USER_READ = "the sender's status in the organization (Admin API)";
export const CUSTOMER_ROLE_READ = 'whether the sender holds the Customer role (Admin API)';
export const CUSTOMER_ROLE_ID = 'atlassian/customer';

export interface AdminUser {
  accountId: string;
  accountType?: string;
  status?: string;
  accountStatus?: string;
  membershipStatus?: string;
}

const userPage = z.object({
  data: z.array(
    z
      .object({
        accountId: z.string(),
        accountType: z.string().optional(),
        email: z.string().nullish(),
        status: z.string().optional(),
        accountStatus: z.string().optional(),
        membershipStatus: z.string().optional(),
      })
      .loose(),
  ),
});

/** Directory records with exactly this address ([] when the organization has none). */
export async function searchDirectoryUsers(
  http: Http,
  orgId: string,
  apiKey: string,
  email: string,
  roleIds?: string[],
): Promise<AdminUser[]> {
  const read = roleIds ? CUSTOMER_ROLE_READ : ADMIN_USER_READ;
  const json = await http.admin(
    read,
    `/admin/v2/orgs/${encodeURIComponent(orgId)}/directories/-/users/search`,
    apiKey,
    { method: 'POST', body: { emails: [email], ...(roleIds ? { roleIds } : {}), limit: 10 } },
  );
  const { data } = expectShape(read, 'the Admin API', userPage, json);
  return data
    .filter((u) => sameAddress(u.email ?? undefined, email))
    .map((u) => ({
      accountId: u.accountId,
      accountType: u.accountType,
      status: u.status,
      accountStatus: u.accountStatus,
      membershipStatus: u.membershipStatus,
    }));
}

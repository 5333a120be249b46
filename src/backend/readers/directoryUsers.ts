/**
 * The sender in the organization's directory, from the Admin API (org API key):
 * POST /admin/v1/orgs/{orgId}/users/search (isSuspended, account status, product access when given).
 */
import { z } from 'zod';
import type { Http } from '../http';
import { expectShape, sameAddress } from './shape';

export const ADMIN_USER_READ = "the sender's status in the organization (Admin API)";

export interface AdminUser {
  accountId: string;
  email: string;
  accountStatus?: string;
  isSuspended?: boolean;
  /** Product keys and roles when the API gives them; undefined when it does not. */
  productAccess?: { key: string; role?: string }[];
}

const userPage = z.object({
  data: z.array(
    z
      .object({
        accountId: z.string().optional(),
        account_id: z.string().optional(),
        email: z.string().optional(),
        accountStatus: z.string().optional(),
        account_status: z.string().optional(),
        isSuspended: z.boolean().optional(),
        productAccess: z.array(z.object({ key: z.string(), role: z.string().optional() }).loose()).optional(),
      })
      .loose(),
  ),
});

/** Directory records with exactly this address ([] when the organization has none). */
export async function searchAdminUsers(
  http: Http,
  orgId: string,
  apiKey: string,
  email: string,
): Promise<AdminUser[]> {
  const at = email.lastIndexOf('@');
  const json = await http.admin(
    ADMIN_USER_READ,
    `/admin/v1/orgs/${encodeURIComponent(orgId)}/users/search`,
    apiKey,
    {
      method: 'POST',
      body: {
        emailUsernames: { eq: [email.slice(0, at)] },
        emailDomains: { eq: [email.slice(at + 1)] },
        expand: ['productAccess'],
        limit: 20,
      },
    },
  );
  const { data } = expectShape(ADMIN_USER_READ, 'the Admin API', userPage, json);
  return data
    .filter((u) => sameAddress(u.email, email))
    .map((u) => ({
      accountId: u.accountId ?? u.account_id ?? '',
      email: email,
      accountStatus: u.accountStatus ?? u.account_status,
      isSuspended: u.isSuspended,
      productAccess: u.productAccess,
    }));
}

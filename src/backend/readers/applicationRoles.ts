/**
 * An Atlassian account's application roles: GET /rest/api/3/user?accountId=…&expand=applicationRoles
 * (scope read:jira-user). "jira-servicedesk" is a Jira Service Management agent licence.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ReadError } from '../errors';
import type { Http } from '../http';
import { expectShape } from './shape';

export const ROLES_READ = "the sender's product access (Jira application roles)";

const userWithRoles = z
  .object({
    accountId: z.string(),
    applicationRoles: z
      .object({ items: z.array(z.object({ key: z.string() }).loose()).optional() })
      .loose()
      .optional(),
  })
  .loose();

/** The keys of an account's application roles ("jira-software", "jira-servicedesk", …). */
export async function readApplicationRoles(http: Http, accountId: string): Promise<string[]> {
  const json = await http.jira(
    ROLES_READ,
    route`/rest/api/3/user?accountId=${accountId}&expand=applicationRoles`,
  );
  const user = expectShape(ROLES_READ, 'Jira', userWithRoles, json);
  if (!user.applicationRoles?.items) {
    throw new ReadError(ROLES_READ, 'Jira answered without the application roles');
  }
  return user.applicationRoles.items.map((r) => r.key);
}

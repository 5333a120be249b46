/**
 * The sender's ACTIVE Jira accounts: GET /rest/api/3/user/search?query=EMAIL (scope read:jira-user).
 * Atlassian: "Returns a list of active users"; a caller without Browse users and groups gets an empty
 * list, not an error; `emailAddress` may be absent or null (profile visibility). So a miss here means
 * "no active account visible to this caller", never "no account" (domain.md §4).
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ReadError } from '../errors';
import type { Http } from '../http';
import { expectShape, sameAddress } from './shape';

export const ACCOUNTS_READ = "the sender's account (Jira user search)";

export interface JiraUser {
  accountId: string;
  accountType: string;
  active: boolean;
  displayName?: string;
}

export const jiraUserShape = z
  .object({
    accountId: z.string(),
    accountType: z.string().optional(),
    active: z.boolean().optional(),
    emailAddress: z.string().nullish(),
    displayName: z.string().nullish(),
  })
  .loose();

const users = z.array(jiraUserShape);

export function toJiraUser(u: z.infer<typeof jiraUserShape>): JiraUser {
  const user: JiraUser = {
    accountId: u.accountId,
    accountType: u.accountType ?? 'unknown',
    active: u.active !== false,
  };
  if (u.displayName) user.displayName = u.displayName;
  return user;
}

/** Active accounts whose address is exactly EMAIL; [] when Jira shows none. */
export async function findJiraUsers(http: Http, email: string): Promise<JiraUser[]> {
  const json = await http.jira(ACCOUNTS_READ, route`/rest/api/3/user/search?query=${email}&maxResults=50`);
  const found = expectShape(ACCOUNTS_READ, 'Jira', users, json);
  const exact = found.filter((u) => sameAddress(u.emailAddress ?? undefined, email));
  const hidden = found.filter((u) => !u.emailAddress).length;
  if (exact.length === 0 && hidden > 0) {
    throw new ReadError(
      ACCOUNTS_READ,
      `Jira hid the email address of ${hidden} matching user${hidden === 1 ? '' : 's'} ` +
        '(profile visibility), so whether this address has an account is unknown',
    );
  }
  return exact.map(toJiraUser);
}

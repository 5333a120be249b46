/**
 * The sender's Jira accounts: GET /rest/api/3/user/search?query=EMAIL (scope read:jira-user), exact
 * address match in any case (accountType, active).
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

const users = z.array(
  z
    .object({
      accountId: z.string(),
      accountType: z.string().optional(),
      active: z.boolean().optional(),
      emailAddress: z.string().optional(),
      displayName: z.string().optional(),
    })
    .loose(),
);

/** Accounts whose address is exactly EMAIL; [] when there is none. */
export async function findJiraUsers(http: Http, email: string): Promise<JiraUser[]> {
  const json = await http.jira(ACCOUNTS_READ, route`/rest/api/3/user/search?query=${email}&maxResults=50`);
  const found = expectShape(ACCOUNTS_READ, 'Jira', users, json);
  const exact = found.filter((u) => sameAddress(u.emailAddress, email));
  const hidden = found.filter((u) => u.emailAddress === undefined || u.emailAddress === '');
  if (exact.length === 0 && hidden.length > 0) {
    throw new ReadError(
      ACCOUNTS_READ,
      `Jira hid the email address of ${hidden.length} matching user${hidden.length === 1 ? '' : 's'} ` +
        '(profile visibility), so whether this address has an account is unknown',
    );
  }
  return exact.map((u) => ({
    accountId: u.accountId,
    accountType: u.accountType ?? 'unknown',
    active: u.active !== false,
    displayName: u.displayName,
  }));
}

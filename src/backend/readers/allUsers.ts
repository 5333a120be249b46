/**
 * Inactive accounts' addresses from Jira's "Get all users": GET /rest/api/3/users/search?startAt&maxResults
 * (scope read:jira-user; needs Browse users and groups). Atlassian: it lists "active users, inactive
 * users and previously deleted users"; `maxResults` is "limited to 1000"; emails follow profile
 * visibility. `active: false` cannot tell suspended from deactivated or closed (domain.md §4).
 * The scan is bounded: an incomplete scan, or inactive accounts whose email is hidden, leave open
 * whether an address has an inactive account.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import type { Http } from '../http';
import { expectShape } from './shape';
import { jiraUserShape } from './userSearch';

export const ALL_USERS_READ = 'the site\'s inactive accounts (Jira "Get all users")';
export const ALL_USERS_PAGE = 1000;
export const ALL_USERS_MAX_PAGES = 10;

export interface InactiveIndex {
  /** Lower-case address → the inactive accounts with it. */
  byEmail: Record<string, { accountId: string; accountType: string }[]>;
  /** Inactive accounts whose address Jira did not show. */
  hidden: number;
  /** Every page was read. */
  complete: boolean;
  /** Accounts read. */
  scanned: number;
}

export async function readInactiveIndex(http: Http): Promise<InactiveIndex> {
  const index: InactiveIndex = { byEmail: {}, hidden: 0, complete: false, scanned: 0 };
  for (let page = 0; page < ALL_USERS_MAX_PAGES; page++) {
    const startAt = page * ALL_USERS_PAGE;
    const json = await http.jira(
      ALL_USERS_READ,
      route`/rest/api/3/users/search?startAt=${startAt}&maxResults=${ALL_USERS_PAGE}`,
    );
    const users = expectShape(ALL_USERS_READ, 'Jira', z.array(jiraUserShape), json);
    index.scanned += users.length;
    for (const u of users) {
      if (u.active !== false) continue;
      if (!u.emailAddress) {
        index.hidden++;
        continue;
      }
      const email = u.emailAddress.trim().toLowerCase();
      (index.byEmail[email] ??= []).push({ accountId: u.accountId, accountType: u.accountType ?? 'unknown' });
    }
    if (users.length < ALL_USERS_PAGE) {
      index.complete = true;
      break;
    }
  }
  return index;
}

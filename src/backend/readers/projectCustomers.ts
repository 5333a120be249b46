/**
 * A project's customers (its Customers page): GET /rest/servicedeskapi/servicedesk/{key}/customer
 * with X-ExperimentalApi: opt-in (read-only granular scopes read:servicedesk.customer:jira-service-management
 * and read:user:jira, which Atlassian lists beside the classic manage:servicedesk-customer;
 * {serviceDeskId} may be the project key). Paged with start/limit until isLastPage; the server caps
 * `limit` as it sees fit, so the next page starts after the customers actually returned.
 * `emailAddress` "may be returned as null": such a customer is still known by account id.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import type { Http } from '../http';
import { expectShape } from './shape';

export const customersRead = (projectKey: string) => `the customers of ${projectKey}`;
export const CUSTOMER_PAGE = 50;
export const CUSTOMER_MAX_PAGES = 40;

const page = z.object({
  isLastPage: z.boolean().optional(),
  values: z.array(z.object({ accountId: z.string(), emailAddress: z.string().nullish() }).loose()),
});

export interface ProjectCustomers {
  /** Lower-case addresses Jira showed. */
  emails: string[];
  /** Every customer's account id. */
  accountIds: string[];
  /** Customers whose address Jira hid. */
  hidden: number;
  /** Every page was read (at most CUSTOMER_MAX_PAGES). */
  complete: boolean;
}

/**
 * Every page of the project's customers, or with `query` those Atlassian matches to it ("matched
 * against customers' displayName, name, or email"), at most `maxPages` pages.
 */
export async function readProjectCustomers(
  http: Http,
  projectKey: string,
  query?: string,
  maxPages: number = CUSTOMER_MAX_PAGES,
): Promise<ProjectCustomers> {
  const read = customersRead(projectKey);
  const out: ProjectCustomers = { emails: [], accountIds: [], hidden: 0, complete: false };
  let start = 0;
  for (let i = 0; i < maxPages; i++) {
    const json = await http.jira(
      read,
      query === undefined
        ? route`/rest/servicedeskapi/servicedesk/${projectKey}/customer?start=${start}&limit=${CUSTOMER_PAGE}`
        : route`/rest/servicedeskapi/servicedesk/${projectKey}/customer?query=${query}&start=${start}&limit=${CUSTOMER_PAGE}`,
      { headers: { 'X-ExperimentalApi': 'opt-in' } },
    );
    const { values, isLastPage } = expectShape(read, 'Jira', page, json);
    for (const c of values) {
      out.accountIds.push(c.accountId);
      if (c.emailAddress) out.emails.push(c.emailAddress.trim().toLowerCase());
      else out.hidden++;
    }
    start += values.length;
    if (isLastPage !== false || values.length === 0) {
      out.complete = true;
      break;
    }
  }
  return out;
}

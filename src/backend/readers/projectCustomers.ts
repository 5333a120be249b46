/**
 * Whether the sender is one of a project's customers (scope manage:servicedesk-customer, the only
 * scope Atlassian lists for these calls; {serviceDeskId} may be the project key):
 * - directly: GET /rest/servicedeskapi/servicedesk/{key}/customer?query=EMAIL with X-ExperimentalApi: opt-in;
 * - through a customer organization added to the project:
 *   GET /rest/servicedeskapi/servicedesk/{key}/organization?accountId=…
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ReadError } from '../errors';
import type { Http } from '../http';
import { expectShape, sameAddress } from './shape';

export const customersRead = (projectKey: string) => `the customers of ${projectKey}`;
export const organizationsRead = (projectKey: string) => `the customer organizations of ${projectKey}`;

const page = z.object({
  values: z.array(
    z.object({ accountId: z.string().optional(), emailAddress: z.string().optional() }).loose(),
  ),
});

/** True when a customer added directly to the project has exactly this address. */
export async function isProjectCustomer(http: Http, projectKey: string, email: string): Promise<boolean> {
  const read = customersRead(projectKey);
  const json = await http.jira(
    read,
    route`/rest/servicedeskapi/servicedesk/${projectKey}/customer?query=${email}&start=0&limit=50`,
    { headers: { 'X-ExperimentalApi': 'opt-in' } },
  );
  const { values } = expectShape(read, 'Jira', page, json);
  if (values.some((c) => sameAddress(c.emailAddress, email))) return true;
  const hidden = values.filter((c) => !c.emailAddress).length;
  if (hidden > 0) {
    throw new ReadError(
      read,
      `Jira hid the email address of ${hidden} matching customer${hidden === 1 ? '' : 's'} (profile visibility)`,
    );
  }
  return false;
}

const organizations = z.object({ values: z.array(z.object({ id: z.string() }).loose()) });

/** True when the account belongs to a customer organization added to the project. */
export async function isInProjectOrganization(
  http: Http,
  projectKey: string,
  accountId: string,
): Promise<boolean> {
  const read = organizationsRead(projectKey);
  const json = await http.jira(
    read,
    route`/rest/servicedeskapi/servicedesk/${projectKey}/organization?accountId=${accountId}&start=0&limit=1`,
  );
  return expectShape(read, 'Jira', organizations, json).values.length > 0;
}

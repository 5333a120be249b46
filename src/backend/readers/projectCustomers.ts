/**
 * Whether the sender was added directly to a project's customers:
 * GET /rest/servicedeskapi/servicedesk/{key}/customer?query=EMAIL with X-ExperimentalApi: opt-in
 * (scope manage:servicedesk-customer, the only one Atlassian lists; {serviceDeskId} may be the project key).
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ReadError } from '../errors';
import type { Http } from '../http';
import { expectShape, sameAddress } from './shape';

export const customersRead = (projectKey: string) => `the customers of ${projectKey}`;

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

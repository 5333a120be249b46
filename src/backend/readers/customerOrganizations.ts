/**
 * Whether an account belongs to a customer organization added to a project:
 * GET /rest/servicedeskapi/servicedesk/{key}/organization?accountId=… (read-only granular scope read:servicedesk.organization:jira-service-management).
 */
import { route } from '@forge/api';
import { z } from 'zod';
import type { Http } from '../http';
import { expectShape } from './shape';

export const organizationsRead = (projectKey: string) => `the customer organizations of ${projectKey}`;

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

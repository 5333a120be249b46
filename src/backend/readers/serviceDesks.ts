/**
 * Service desks (scope read:servicedesk-request): GET /rest/servicedeskapi/servicedesk, every page; or
 * one, GET /rest/servicedeskapi/servicedesk/{projectKey} ({serviceDeskId} may be a project identifier).
 */
import { route } from '@forge/api';
import { z } from 'zod';
import type { Http } from '../http';
import type { ServiceDeskSummary } from '../keys';
import { ReadError } from '../errors';
import { expectShape } from './shape';

export const SERVICE_DESKS_READ = 'the service projects';

const desk = z
  .object({ id: z.string(), projectId: z.string(), projectKey: z.string(), projectName: z.string() })
  .loose();
const page = z.object({ isLastPage: z.boolean().optional(), values: z.array(desk) });

/** One project's service desk; [] when the project is not a service project the caller may see. */
export async function readServiceDesk(http: Http, projectKey: string): Promise<ServiceDeskSummary[]> {
  try {
    const json = await http.jira(SERVICE_DESKS_READ, route`/rest/servicedeskapi/servicedesk/${projectKey}`);
    const d = expectShape(SERVICE_DESKS_READ, 'Jira', desk, json);
    return [{ id: d.id, projectId: d.projectId, projectKey: d.projectKey, projectName: d.projectName }];
  } catch (error) {
    if (error instanceof ReadError && error.status === 404) return [];
    throw error;
  }
}

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

export async function readServiceDesks(http: Http): Promise<ServiceDeskSummary[]> {
  const desks: ServiceDeskSummary[] = [];
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
    const start = pageIndex * PAGE_SIZE;
    const json = await http.jira(
      SERVICE_DESKS_READ,
      route`/rest/servicedeskapi/servicedesk?start=${start}&limit=${PAGE_SIZE}`,
    );
    const { values, isLastPage } = expectShape(SERVICE_DESKS_READ, 'Jira', page, json);
    for (const d of values) {
      desks.push({ id: d.id, projectId: d.projectId, projectKey: d.projectKey, projectName: d.projectName });
    }
    if (isLastPage !== false || values.length === 0) break;
  }
  return desks;
}

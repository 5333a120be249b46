/**
 * Portal Access grants: the project's permission scheme with its grants,
 * GET /rest/api/3/project/{key}/permissionscheme?expand=permissions (scope read:jira-work; needs
 * Administer Jira or Administer Projects). True when "Service Project Customer - Portal Access"
 * (holder type sd.customer.portal.only) holds both Browse Projects and Create Issues.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ReadError } from '../errors';
import type { Http } from '../http';
import { expectShape } from './shape';

export const grantsRead = (projectKey: string) => `the permission scheme of ${projectKey}`;
export const PORTAL_ACCESS_HOLDER = 'sd.customer.portal.only';
export const REQUIRED_GRANTS = ['BROWSE_PROJECTS', 'CREATE_ISSUES'] as const;

const scheme = z
  .object({
    id: z.number().optional(),
    name: z.string().optional(),
    permissions: z
      .array(z.object({ permission: z.string(), holder: z.object({ type: z.string() }).loose() }).loose())
      .optional(),
  })
  .loose();

export async function readPortalAccessGrants(http: Http, projectKey: string): Promise<boolean> {
  const read = grantsRead(projectKey);
  const json = await http.jira(
    read,
    route`/rest/api/3/project/${projectKey}/permissionscheme?expand=permissions`,
  );
  const { permissions } = expectShape(read, 'Jira', scheme, json);
  if (!permissions) throw new ReadError(read, 'Jira answered without the grants of the scheme');
  const granted = new Set(
    permissions.filter((g) => g.holder.type === PORTAL_ACCESS_HOLDER).map((g) => g.permission),
  );
  return REQUIRED_GRANTS.every((p) => granted.has(p));
}

/**
 * Who is calling, decided on the server before anything is read: the page from the module key in the
 * trusted invocation context, the project from the context (never the payload), the permissions from
 * Jira as the calling user (GET /rest/api/3/mypermissions, scope read:jira-work), in one call that also
 * asks for Browse users and groups (USER_PICKER), which decides what Jira's user reads show the caller.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { AppError, ReadError } from './errors';
import type { Http } from './http';
import type { CallerView } from './keys';

/** The manifest's module keys (manifest.yml): the page a call comes from. */
export const ADMIN_PAGE_MODULE = 'customer-access-doctor-admin';
export const PROJECT_PAGE_MODULE = 'customer-access-doctor-project';

export interface Caller extends CallerView {
  accountId: string;
  siteUrl?: string;
  /** The "Browse users and groups" global permission (USER_PICKER): without it Jira shows no users. */
  browseUsers?: boolean;
}

const PERMISSIONS_READ = 'your permissions';

const permissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).loose()),
});

const context = z
  .object({
    accountId: z.string().min(1).optional(),
    moduleKey: z.string().optional(),
    siteUrl: z.string().optional(),
    extension: z
      .object({
        project: z
          .object({ key: z.string().optional(), id: z.union([z.string(), z.number()]).optional() })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const forbidden = (message: string) => new AppError('forbidden', message);

export async function authorize(http: Http, rawContext: unknown): Promise<Caller> {
  const parsed = context.safeParse(rawContext ?? {});
  const ctx = parsed.success ? parsed.data : {};
  if (!ctx.accountId) throw forbidden('Only a signed-in Jira user may use Customer Access Doctor.');
  const page =
    ctx.moduleKey === ADMIN_PAGE_MODULE
      ? 'admin'
      : ctx.moduleKey === PROJECT_PAGE_MODULE
        ? 'project'
        : undefined;
  if (!page)
    throw forbidden('Customer Access Doctor answers only its own admin page and project settings page.');

  if (page === 'admin') {
    const granted = await myPermissions(
      http,
      route`/rest/api/3/mypermissions?permissions=ADMINISTER,USER_PICKER`,
    );
    if (!granted.has('ADMINISTER')) {
      throw forbidden('This page needs the Administer Jira global permission (a Jira admin).');
    }
    return {
      accountId: ctx.accountId,
      page,
      isJiraAdmin: true,
      siteUrl: ctx.siteUrl,
      browseUsers: granted.has('USER_PICKER'),
    };
  }

  const projectKey = ctx.extension?.project?.key;
  if (!projectKey) throw forbidden('The project settings page was opened without a project.');
  const granted = await myPermissions(
    http,
    route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=ADMINISTER_PROJECTS,ADMINISTER,USER_PICKER`,
  );
  const isJiraAdmin = granted.has('ADMINISTER');
  if (!isJiraAdmin && !granted.has('ADMINISTER_PROJECTS')) {
    throw forbidden(`This page needs the Administer Projects permission on ${projectKey}.`);
  }
  return {
    accountId: ctx.accountId,
    page,
    projectKey,
    isJiraAdmin,
    siteUrl: ctx.siteUrl,
    browseUsers: granted.has('USER_PICKER'),
  };
}

async function myPermissions(http: Http, path: Parameters<Http['jira']>[1]): Promise<Set<string>> {
  try {
    const json = await http.jira(PERMISSIONS_READ, path);
    const parsed = permissions.safeParse(json);
    if (!parsed.success) throw new ReadError(PERMISSIONS_READ, 'Jira answered in an unexpected form');
    return new Set(
      Object.entries(parsed.data.permissions)
        .filter(([, p]) => p.havePermission)
        .map(([key]) => key),
    );
  } catch (error) {
    if (error instanceof ReadError)
      throw new AppError('upstream', `Could not check ${error.read}: ${error.reason}.`);
    throw error;
  }
}

/** The caller as the pages see it (no account id). */
export function callerView(caller: Caller): CallerView {
  const view: CallerView = { page: caller.page, isJiraAdmin: caller.isJiraAdmin };
  if (caller.projectKey) view.projectKey = caller.projectKey;
  return view;
}

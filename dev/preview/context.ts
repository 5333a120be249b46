/**
 * The Forge context of a preview page: what `view.getContext()` answers in the app frame and what the
 * resolver receives as `req.context`, for the page and viewer the toolbar chose.
 */
import type { PreviewSession } from './protocol';

/** The manifest's module keys (manifest.yml). */
export const ADMIN_MODULE_KEY = 'customer-access-doctor-admin';
export const PROJECT_MODULE_KEY = 'customer-access-doctor-project';

export const CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';
export const ENVIRONMENT_ID = 'preview-environment';
export const APP_ID = 'ari:cloud:ecosystem::app/customer-access-doctor-preview';

export interface PreviewViewer {
  accountId: string;
  displayName: string;
}

export interface ProjectRef {
  key: string;
  id: string;
  name: string;
}

export interface ContextInputs {
  session: PreviewSession;
  siteUrl: string;
  viewer: PreviewViewer;
  project?: ProjectRef;
}

function extension(inputs: ContextInputs): Record<string, unknown> {
  if (inputs.session.page === 'admin') return { type: 'jira:adminPage' };
  const project = inputs.project ?? { key: inputs.session.projectKey ?? '', id: '0', name: '' };
  return {
    type: 'jira:projectSettingsPage',
    project: { id: project.id, key: project.key, type: 'service_desk' },
  };
}

export function moduleKeyOf(session: PreviewSession): string {
  return session.page === 'admin' ? ADMIN_MODULE_KEY : PROJECT_MODULE_KEY;
}

/** The context the resolver receives (`req.context`, before @forge/resolver adds the principal). */
export function resolverContext(inputs: ContextInputs): Record<string, unknown> {
  return {
    cloudId: CLOUD_ID,
    siteUrl: inputs.siteUrl,
    moduleKey: moduleKeyOf(inputs.session),
    localId: `${moduleKeyOf(inputs.session)}-preview`,
    environmentId: ENVIRONMENT_ID,
    environmentType: 'DEVELOPMENT',
    extension: extension(inputs),
    accountId: inputs.viewer.accountId,
  };
}

/** What `view.getContext()` answers in the app frame (Forge's FullContext). */
export function frameContext(inputs: ContextInputs): Record<string, unknown> {
  return {
    ...resolverContext(inputs),
    accountId: inputs.viewer.accountId,
    appId: APP_ID,
    product: 'jira',
    locale: 'en-US',
    timezone: 'UTC',
    theme: { colorMode: 'light' },
    surfaceColor: 'var(--ds-surface, #FFFFFF)',
    license: { active: true },
  };
}

/** One App for both modules: switches on the module the page was opened from. */
import React, { useCallback, useEffect, useState } from 'react';
import { useProductContext } from '@forge/react';
import type { AppState } from '../backend/keys';
import { call, type Failure } from './api';
import { AdminPage, ProjectPage } from './pages';
import { Forbidden, LoadFailed, Loading } from './states';

export const ADMIN_MODULE_KEY = 'customer-access-doctor-admin';
export const PROJECT_MODULE_KEY = 'customer-access-doctor-project';

type Load =
  { kind: 'loading' } | { kind: 'ready'; appState: AppState } | { kind: 'failed'; failure: Failure };

interface ProductContextLike {
  moduleKey?: string;
  extension?: { project?: { key?: string } };
}

/** Which page a module key opens; null when it is neither of ours. */
export function pageFor(moduleKey: string | undefined): 'admin' | 'project' | null {
  if (moduleKey === ADMIN_MODULE_KEY) return 'admin';
  if (moduleKey === PROJECT_MODULE_KEY) return 'project';
  return null;
}

export function App({ now }: { now?: number } = {}) {
  const context = useProductContext() as ProductContextLike | undefined;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  // One batched read on load; nothing else re-reads site settings unless the admin asks.
  const read = useCallback(async () => {
    setLoad({ kind: 'loading' });
    const answer = await call('getAppState', {});
    setLoad(answer.ok ? { kind: 'ready', appState: answer.data } : { kind: 'failed', failure: answer.error });
  }, []);
  useEffect(() => {
    void read();
  }, [read]);

  if (!context || load.kind === 'loading') return <Loading what="Reading your site's settings" />;
  const page =
    pageFor(context.moduleKey) ??
    (load.kind === 'ready' ? load.appState.caller.page : context.extension?.project ? 'project' : 'admin');
  if (load.kind === 'failed') {
    if (load.failure.code === 'forbidden') return <Forbidden page={page} message={load.failure.message} />;
    return <LoadFailed failure={load.failure} onRetry={() => void read()} />;
  }
  const { appState } = load;
  const setAppState = (next: AppState) => setLoad({ kind: 'ready', appState: next });
  if (page === 'project') {
    const projectKey = appState.caller.projectKey ?? context.extension?.project?.key;
    if (!projectKey) {
      return (
        <LoadFailed
          failure={{ code: 'not-found', message: 'Jira did not say which project this page belongs to.' }}
          onRetry={() => void read()}
        />
      );
    }
    return <ProjectPage appState={appState} setAppState={setAppState} projectKey={projectKey} now={now} />;
  }
  return <AdminPage appState={appState} setAppState={setAppState} now={now} />;
}

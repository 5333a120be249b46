/**
 * The host page: a toolbar (outside the app frame) to choose the page and who is looking, the app
 * frame (hidden, as in Jira: the app's code runs there and only sends ForgeDocs), and the ForgeDoc
 * drawn with Atlaskit.
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import {
  FRAME_SOURCE,
  HOST_SOURCE,
  type ForgeDocNode,
  type FrameToHost,
  type HostToFrame,
  type PreviewRole,
  type PreviewSession,
} from '../protocol';
import { components, mappedTypes } from './components';
import { ErrorBox, Renderer } from './render';
import { applyLightTheme } from './theme';

type AtlassianMode = 'up' | 'slow' | 'down';

interface PreviewConfig {
  mode: 'app' | 'demo';
  atlassian?: AtlassianMode;
  projects: { key: string; name: string }[];
  notice?: string;
  /** What the server found in the app frame's bundle that would fail in Jira (see build.ts). */
  findings?: string[];
}

interface PreviewState {
  session: PreviewSession;
  /** The last ForgeDoc the app frame sent (for tests). */
  doc: ForgeDocNode | null;
  /** The UI Kit component types the renderer draws. */
  mappedTypes: string[];
  /** How many times the app frame was (re)loaded by the toolbar. */
  loads: number;
  errors: string[];
  reconciles: number;
  pendingInvokes: number;
  invokes: { functionKey: string; ok: boolean }[];
}

declare global {
  interface Window {
    __forgePreview: PreviewState;
  }
}

function readSession(): PreviewSession {
  const params = new URLSearchParams(window.location.search);
  const page = params.get('page') === 'project' ? 'project' : 'admin';
  const role: PreviewRole = params.get('role') === 'project-admin' ? 'project-admin' : 'jira-admin';
  const projectKey = page === 'project' ? (params.get('project') ?? 'HELP') : undefined;
  return { page, role, ...(projectKey ? { projectKey } : {}) };
}

function sessionQuery(session: PreviewSession): string {
  const params = new URLSearchParams({ page: session.page, role: session.role });
  if (session.projectKey) params.set('project', session.projectKey);
  return params.toString();
}

const state: PreviewState = {
  session: readSession(),
  doc: null,
  mappedTypes: mappedTypes,
  loads: 1,
  errors: [],
  reconciles: 0,
  pendingInvokes: 0,
  invokes: [],
};
window.__forgePreview = state;

function Toolbar({
  config,
  session,
  onChange,
  onReset,
  onAtlassian,
  pending,
}: {
  config: PreviewConfig | null;
  session: PreviewSession;
  onChange: (next: PreviewSession) => void;
  onReset: () => void;
  onAtlassian: (mode: AtlassianMode) => void;
  pending: number;
}) {
  const pages: { id: string; label: string; next: PreviewSession }[] = [
    { id: 'admin', label: 'Admin page', next: { page: 'admin', role: session.role } },
    ...(config?.projects ?? []).map((project) => ({
      id: project.key,
      label: `Project ${project.key}`,
      next: { page: 'project' as const, projectKey: project.key, role: session.role },
    })),
  ];
  const current = session.page === 'admin' ? 'admin' : session.projectKey;
  const roles: { id: PreviewRole; label: string }[] = [
    { id: 'jira-admin', label: 'Jira admin' },
    { id: 'project-admin', label: 'Project admin' },
  ];
  return (
    <header className="preview-toolbar" data-testid="preview-toolbar">
      <div className="preview-brand">
        <strong>Customer Access Doctor</strong>
        <span>local preview · an approximation of Jira&apos;s renderer, not Jira</span>
      </div>
      <nav className="preview-group" aria-label="Page">
        <span className="preview-group-label">Page</span>
        {pages.map((item) => (
          <Button
            key={item.id}
            testId={`preview-page-${item.id}`}
            spacing="compact"
            isSelected={item.id === current}
            onClick={() => onChange(item.next)}
          >
            {item.label}
          </Button>
        ))}
      </nav>
      <nav className="preview-group" aria-label="Viewer">
        <span className="preview-group-label">Viewer</span>
        {roles.map((role) => (
          <Button
            key={role.id}
            testId={`preview-role-${role.id}`}
            spacing="compact"
            isSelected={role.id === session.role}
            onClick={() => onChange({ ...session, role: role.id })}
          >
            {role.label}
          </Button>
        ))}
      </nav>
      {config?.mode === 'app' ? (
        <nav
          className="preview-group"
          aria-label="Atlassian API"
          data-testid="preview-atlassian"
          data-mode={config.atlassian ?? 'up'}
        >
          <span className="preview-group-label">Atlassian API</span>
          {(['up', 'slow', 'down'] as const).map((mode) => (
            <Button
              key={mode}
              testId={`preview-atlassian-${mode}`}
              spacing="compact"
              isSelected={(config.atlassian ?? 'up') === mode}
              onClick={() => onAtlassian(mode)}
            >
              {mode === 'up' ? 'Up' : mode === 'slow' ? 'Slow' : 'Down'}
            </Button>
          ))}
        </nav>
      ) : null}
      <div className="preview-status" data-testid="preview-status" data-pending-invokes={pending}>
        <Button testId="preview-reset" spacing="compact" appearance="subtle" onClick={onReset}>
          Forget saved settings
        </Button>
        {pending > 0 ? <Lozenge appearance="inprogress">invoking…</Lozenge> : <Lozenge>idle</Lozenge>}
        {config?.mode === 'demo' ? <Lozenge appearance="moved">demo page</Lozenge> : null}
      </div>
    </header>
  );
}

/** Draws the document in its own component, so that a drawing error reaches DrawBoundary. */
function DocView({ renderer, doc }: { renderer: Renderer; doc: ForgeDocNode }) {
  return <>{renderer.renderNode(doc)}</>;
}

/**
 * Catches an error thrown while drawing (a mapping that does not suit the props the app sent, an
 * Atlaskit component that rejects them): shows and records it instead of blanking the page, and tries
 * again with the next document.
 */
class DrawBoundary extends React.Component<
  { doc: ForgeDocNode; onError: (message: string) => void; children: React.ReactNode },
  { error: string | null }
> {
  override state: { error: string | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }

  override componentDidCatch(error: unknown) {
    this.props.onError(
      `drawing the app failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  }

  override componentDidUpdate(previous: { doc: ForgeDocNode }) {
    if (this.state.error && previous.doc !== this.props.doc) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorBox
          testId="preview-draw-error"
          title="The preview could not draw this"
          detail={this.state.error}
        />
      );
    }
    return this.props.children;
  }
}

function Breadcrumb({ session, config }: { session: PreviewSession; config: PreviewConfig | null }) {
  const project = config?.projects.find((p) => p.key === session.projectKey);
  const trail =
    session.page === 'admin'
      ? ['Jira settings', 'Apps', 'Customer Access Doctor']
      : [
          'Projects',
          project ? `${project.name} (${project.key})` : (session.projectKey ?? ''),
          'Project settings',
          'Customer Access Doctor',
        ];
  return (
    <div className="preview-breadcrumb" data-testid="preview-breadcrumb">
      {trail.join(' / ')}
    </div>
  );
}

function App() {
  const [session, setSession] = useState<PreviewSession>(state.session);
  const [config, setConfig] = useState<PreviewConfig | null>(null);
  const [doc, setDoc] = useState<ForgeDocNode | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(0);
  const [frameKey, setFrameKey] = useState(0);
  const frameRef = useRef<HTMLIFrameElement>(null);

  const reportError = useCallback((message: string) => {
    if (state.errors.includes(message)) return;
    state.errors.push(message);
    console.error(`[preview] ${message}`);
    queueMicrotask(() => setErrors([...state.errors]));
  }, []);

  const renderer = useMemo(
    () =>
      new Renderer({
        components,
        reportError,
        callFunction: (id, args) => {
          const frame = frameRef.current?.contentWindow;
          if (!frame) return;
          const message: HostToFrame = {
            source: HOST_SOURCE,
            kind: 'call',
            id,
            args: JSON.parse(JSON.stringify(args ?? [])) as unknown[],
          };
          frame.postMessage(message, window.location.origin);
        },
      }),
    [reportError],
  );

  useEffect(() => {
    applyLightTheme();
    fetch('/api/preview-config')
      .then((response) => response.json() as Promise<PreviewConfig>)
      .then(setConfig)
      .catch((error: unknown) => reportError(`cannot read /api/preview-config: ${String(error)}`));
  }, [reportError]);

  useEffect(() => {
    const onMessage = (event: MessageEvent<FrameToHost>) => {
      if (event.source !== frameRef.current?.contentWindow) return;
      const data = event.data;
      if (data?.source !== FRAME_SOURCE) return;
      switch (data.kind) {
        case 'reconcile':
          state.reconciles += 1;
          state.doc = data.forgeDoc;
          setDoc(data.forgeDoc);
          break;
        case 'invoke':
          if (data.phase === 'start') state.pendingInvokes += 1;
          else {
            state.pendingInvokes -= 1;
            state.invokes.push({ functionKey: data.functionKey, ok: Boolean(data.ok) });
          }
          setPending(state.pendingInvokes);
          break;
        case 'error':
          reportError(`app error: ${data.message}`);
          break;
        case 'unsupported-bridge-call':
          reportError(`the preview's bridge does not support callBridge('${data.cmd}')`);
          break;
        case 'log':
          console.warn(`[app frame] ${data.message}`);
          break;
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [reportError]);

  const switchTo = (next: PreviewSession) => {
    state.session = next;
    state.loads += 1;
    state.doc = null;
    state.pendingInvokes = 0;
    state.reconciles = 0;
    window.history.replaceState(null, '', `?${sessionQuery(next)}`);
    renderer.resetProxies();
    setDoc(null);
    setPending(0);
    setSession(next);
    setFrameKey((k) => k + 1);
  };

  return (
    <div className="preview-shell">
      <Toolbar
        config={config}
        session={session}
        onChange={switchTo}
        onReset={() => {
          void fetch('/api/reset', { method: 'POST' }).then(() => switchTo(session));
        }}
        onAtlassian={(mode) => {
          void fetch('/api/atlassian', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ mode }),
          }).then(() => setConfig((current) => (current ? { ...current, atlassian: mode } : current)));
        }}
        pending={pending}
      />
      {config?.notice ? (
        <div className="preview-notice" data-testid="preview-notice">
          {config.notice}
        </div>
      ) : null}
      {config?.findings?.length ? (
        <div className="preview-notice" data-testid="preview-findings">
          {config.findings.map((finding) => (
            <div key={finding}>Warning: {finding}</div>
          ))}
        </div>
      ) : null}
      <main className="preview-page">
        <Breadcrumb session={session} config={config} />
        {errors.length > 0 ? (
          <div data-testid="preview-errors" className="preview-errors">
            {errors.map((message) => (
              <ErrorBox key={message} testId="preview-error" title="Preview error" detail={message} />
            ))}
          </div>
        ) : null}
        <div className="preview-app" data-testid="app-root" data-session={sessionQuery(session)}>
          {doc ? (
            <DrawBoundary doc={doc} onError={reportError}>
              <DocView renderer={renderer} doc={doc} />
            </DrawBoundary>
          ) : (
            <div className="preview-loading">
              <Spinner size="medium" label="Loading the app" />
            </div>
          )}
        </div>
      </main>
      <iframe
        key={frameKey}
        ref={frameRef}
        title="App frame (runs the app's code)"
        data-testid="app-frame"
        className="preview-frame"
        src={`/frame?${sessionQuery(session)}`}
      />
    </div>
  );
}

const container = document.getElementById('root');
if (container) createRoot(container).render(<App />);

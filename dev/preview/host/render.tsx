/**
 * Draws a ForgeDoc (as the app frame sent it) with the Atlaskit components of the component map.
 * Function props arrive as `{ __forgeFn: id }` and become callbacks that post the call back to the
 * frame; a node whose type is not mapped is drawn as a visible error box and recorded, so the browser
 * tests fail on it.
 */
import React from 'react';
import { isFunctionRef, isUnsupportedRef, type ForgeDocNode } from '../protocol';

export type HostFn = (...args: unknown[]) => void;

export interface RenderContext {
  renderNode(node: ForgeDocNode): React.ReactNode;
  renderNodes(nodes: ForgeDocNode[]): React.ReactNode[];
  /** Plain text of a subtree (for props Atlaskit wants as a string, such as a Tab's label). */
  textOf(nodes: ForgeDocNode[]): string;
  reportError(message: string): void;
}

export interface MappedArgs {
  node: ForgeDocNode;
  /** The node's props, with function references turned into callbacks. */
  props: Record<string, unknown>;
  /** The node's children, drawn. */
  children: React.ReactNode;
  ctx: RenderContext;
  /** Types of the enclosing nodes, outermost first. */
  ancestors: readonly string[];
}

export type Mapped = (args: MappedArgs) => React.ReactNode;

export interface RendererOptions {
  components: Record<string, Mapped>;
  callFunction(id: string, args: unknown[]): void;
  reportError(message: string): void;
}

export function ErrorBox({ title, detail, testId }: { title: string; detail?: string; testId: string }) {
  return (
    <div
      data-testid={testId}
      role="alert"
      style={{
        border: '2px solid var(--ds-border-danger, #E2483D)',
        background: 'var(--ds-background-danger, #FFECEB)',
        color: 'var(--ds-text-danger, #AE2E24)',
        borderRadius: 4,
        padding: '4px 8px',
        margin: '2px 0',
        font: 'var(--ds-font-body-small, normal 400 12px/16px ui-sans-serif, sans-serif)',
      }}
    >
      <strong>{title}</strong>
      {detail ? <div>{detail}</div> : null}
    </div>
  );
}

export class Renderer {
  private readonly proxies = new Map<string, HostFn>();
  private readonly stack: string[] = [];

  constructor(private readonly options: RendererOptions) {}

  /** Forget callbacks of documents no longer shown. */
  resetProxies(): void {
    this.proxies.clear();
  }

  private proxy(id: string): HostFn {
    let fn = this.proxies.get(id);
    if (!fn) {
      fn = (...args: unknown[]) => this.options.callFunction(id, args);
      this.proxies.set(id, fn);
    }
    return fn;
  }

  resolve(value: unknown): unknown {
    if (isFunctionRef(value)) return this.proxy(value.__forgeFn);
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value && typeof value === 'object' && !isUnsupportedRef(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.resolve(v);
      return out;
    }
    return value;
  }

  readonly ctx: RenderContext = {
    renderNode: (node) => this.renderNode(node),
    renderNodes: (nodes) => nodes.map((node) => this.renderNode(node)),
    textOf: (nodes) => nodes.map((node) => textOf(node)).join(''),
    reportError: (message) => this.options.reportError(message),
  };

  renderNode(node: ForgeDocNode): React.ReactNode {
    if (node.type === 'String') return String(node.props.text ?? '');
    const mapped = this.options.components[node.type];
    if (!mapped) {
      this.options.reportError(`UI Kit component not mapped in the preview: ${node.type}`);
      return (
        <ErrorBox
          key={node.key}
          testId="preview-unmapped"
          title={`Unmapped UI Kit component: <${node.type}>`}
          detail="The preview has no Atlaskit component for it (dev/preview/host/components.tsx)."
        />
      );
    }
    const unsupported = Object.entries(node.props).filter(([, v]) => isUnsupportedRef(v));
    const props = this.resolve(node.props) as Record<string, unknown>;
    const ancestors = [...this.stack];
    // Children are drawn when the mapped component asks for them (DynamicTable reads its Row and
    // Cell nodes itself instead).
    const drawChildren = (): React.ReactNode[] | undefined => {
      if (node.children.length === 0) return undefined;
      this.stack.push(node.type);
      try {
        return this.ctx.renderNodes(node.children);
      } finally {
        this.stack.pop();
      }
    };
    let drawn = mapped({
      node,
      props,
      get children() {
        return drawChildren();
      },
      ctx: this.ctx,
      ancestors,
    });
    if (React.isValidElement(drawn) && drawn.key === null)
      drawn = React.cloneElement(drawn, { key: node.key });
    if (unsupported.length === 0) return drawn;
    const detail = unsupported
      .map(([k, v]) => `${k}: ${(v as { __unsupported: string }).__unsupported}`)
      .join('; ');
    this.options.reportError(`<${node.type}> has props that cannot cross the bridge: ${detail}`);
    return (
      <React.Fragment key={node.key}>
        <ErrorBox
          testId="preview-unsupported-prop"
          title={`<${node.type}> has props that cannot cross the bridge`}
          detail={detail}
        />
        {drawn}
      </React.Fragment>
    );
  }
}

export function textOf(node: ForgeDocNode): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map((child) => textOf(child)).join('');
}

/** The event a UI Kit handler receives: the SerialisableEvent of @atlaskit/forge-react-types. */
export function serialiseEvent(event: unknown): Record<string, unknown> {
  const e = event as Partial<React.SyntheticEvent<HTMLInputElement>> | undefined;
  const target = (e?.target ?? {}) as Partial<HTMLInputElement>;
  return {
    bubbles: Boolean(e?.bubbles),
    cancelable: Boolean(e?.cancelable),
    defaultPrevented: Boolean(e?.defaultPrevented),
    eventPhase: e?.eventPhase ?? 0,
    isTrusted: Boolean(e?.isTrusted),
    target: {
      value: target.value,
      checked: target.checked,
      name: target.name,
      id: target.id,
      tagName: target.tagName,
      type: target.type,
      selectionStart: safe(() => target.selectionStart),
      selectionEnd: safe(() => target.selectionEnd),
    },
    timeStamp: e?.timeStamp ?? Date.now(),
    type: e?.type ?? 'change',
  };
}

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

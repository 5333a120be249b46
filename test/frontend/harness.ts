/**
 * Renders UI Kit pages through the real @forge/react reconciler into the fake host, and reads and
 * drives the ForgeDoc the way a user would: by visible text, labels and the real event handlers.
 */
// The fake host must be installed before anything loads @forge/bridge.
import { host, type ForgeDocNode } from './bridge-host';
import React, { act } from 'react';
import ForgeReconciler from '@forge/react';

export { host, type ForgeDocNode };

/** Lets pending promises, effects and timers of the page run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function render(element: React.ReactElement): Promise<void> {
  host.reset();
  await act(async () => {
    ForgeReconciler.render(element);
  });
  await settle();
}

export function doc(): ForgeDocNode {
  if (!host.doc) throw new Error('nothing was rendered');
  return host.doc;
}

/** Children a user can see: of Tabs, only the selected panel. */
function visibleChildren(node: ForgeDocNode): ForgeDocNode[] {
  if (node.type !== 'Tabs') return node.children;
  const selected = (node.props.selected as number | undefined) ?? (node.props.defaultSelected as number) ?? 0;
  let panel = -1;
  return node.children.filter((child) => child.type !== 'TabPanel' || ++panel === selected);
}

const BLOCKS = new Set([
  'Stack',
  'Box',
  'Heading',
  'Text',
  'SectionMessage',
  'ListItem',
  'Row',
  'Label',
  'ErrorMessage',
  'HelperMessage',
  'Button',
  'Checkbox',
  'Tab',
  'Lozenge',
]);

/** The text a user reads, block by block (labels, titles and captions included). */
export function textOf(node: ForgeDocNode = doc(), visibleOnly = true): string {
  const parts: string[] = [];
  const walk = (n: ForgeDocNode) => {
    if (n.type === 'String') {
      parts.push(String(n.props.text));
      return;
    }
    const block = BLOCKS.has(n.type) || n.type === 'Cell';
    if (block) parts.push('\n');
    for (const prop of ['title', 'caption', 'label']) {
      const value = n.props[prop];
      if (typeof value === 'string') parts.push(value, '\n');
    }
    if (n.type === 'RadioGroup') {
      for (const o of (n.props.options as { label: string }[]) ?? []) parts.push('\n', o.label);
    }
    if (n.type === 'Select' && n.props.value && typeof n.props.value === 'object') {
      parts.push(String((n.props.value as { label?: string }).label ?? ''));
    }
    if (n.type === 'Cell') parts.push(' | ');
    for (const child of visibleOnly ? visibleChildren(n) : n.children) walk(child);
    if (block) parts.push('\n');
  };
  walk(node);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Every node (visible only, by default) matching the predicate, in document order. */
export function findAll(
  predicate: (node: ForgeDocNode) => boolean,
  root: ForgeDocNode = doc(),
  visibleOnly = true,
): ForgeDocNode[] {
  const out: ForgeDocNode[] = [];
  const walk = (n: ForgeDocNode) => {
    if (predicate(n)) out.push(n);
    for (const child of visibleOnly ? visibleChildren(n) : n.children) walk(child);
  };
  walk(root);
  return out;
}

export function byType(type: string, root?: ForgeDocNode): ForgeDocNode[] {
  return findAll((n) => n.type === type, root);
}

function one(nodes: ForgeDocNode[], what: string): ForgeDocNode {
  if (nodes.length !== 1) {
    throw new Error(`expected one ${what}, found ${nodes.length}\n--- page ---\n${host.doc ? textOf() : ''}`);
  }
  return nodes[0];
}

/** The button whose text is exactly `label` (or matches it). */
export function button(label: string | RegExp, root?: ForgeDocNode): ForgeDocNode {
  const match = (t: string) => (typeof label === 'string' ? t === label : label.test(t));
  return one(
    findAll((n) => n.type === 'Button' && match(textOf(n).replace(/\n/g, ' ')), root),
    `button ${label}`,
  );
}

export function hasButton(label: string | RegExp): boolean {
  const match = (t: string) => (typeof label === 'string' ? t === label : label.test(t));
  return findAll((n) => n.type === 'Button' && match(textOf(n).replace(/\n/g, ' '))).length > 0;
}

/** The input labelled `label`: a Label's `labelFor` names the field's id (or Select's inputId). */
export function field(label: string | RegExp, root?: ForgeDocNode): ForgeDocNode {
  const match = (t: string) => (typeof label === 'string' ? t === label : label.test(t));
  const labels = findAll((n) => n.type === 'Label' && match(textOf(n)), root);
  const target = one(labels, `label ${label}`).props.labelFor;
  return one(
    findAll((n) => (n.props.id ?? n.props.inputId) === target && n.type !== 'Label', root),
    `field for ${label}`,
  );
}

export function checkbox(label: string): ForgeDocNode {
  return one(
    findAll((n) => n.type === 'Checkbox' && n.props.label === label),
    `checkbox ${label}`,
  );
}

/** The nearest Form around a node. */
export function formOf(target: ForgeDocNode, root: ForgeDocNode = doc()): ForgeDocNode {
  let found: ForgeDocNode | null = null;
  const walk = (n: ForgeDocNode, form: ForgeDocNode | null) => {
    const here = n.type === 'Form' ? n : form;
    if (n === target) found = here;
    for (const child of n.children) walk(child, here);
  };
  walk(root, null);
  if (!found) throw new Error('no form around that node');
  return found;
}

async function fire(node: ForgeDocNode, prop: string, ...args: unknown[]): Promise<void> {
  const handler = node.props[prop];
  if (typeof handler !== 'function') throw new Error(`${node.type} has no ${prop}`);
  await act(async () => {
    await handler(...args);
  });
  await settle();
}

function event(target: Record<string, unknown>) {
  return {
    type: 'change',
    bubbles: true,
    cancelable: false,
    defaultPrevented: false,
    eventPhase: 0,
    isTrusted: true,
    timeStamp: 0,
    target,
  };
}

export const user = {
  async type(node: ForgeDocNode, value: string) {
    await fire(node, 'onChange', event({ value }));
  },
  async click(node: ForgeDocNode) {
    await fire(node, 'onClick', {});
  },
  async check(node: ForgeDocNode, checked: boolean) {
    await fire(node, 'onChange', event({ checked }));
  },
  async choose(radioGroup: ForgeDocNode, value: string) {
    await fire(radioGroup, 'onChange', event({ value }));
  },
  async select(node: ForgeDocNode, label: string | RegExp) {
    const options = (node.props.options as { label: string; value: unknown }[]) ?? [];
    const option = options.find((o) => (typeof label === 'string' ? o.label === label : label.test(o.label)));
    if (!option) throw new Error(`no option ${label} in ${options.map((o) => o.label).join(', ')}`);
    await fire(node, 'onChange', option);
  },
  /** Submits the form around `node` (a field or the submit button), as pressing Enter or the button does. */
  async submit(node: ForgeDocNode) {
    const form = node.type === 'Form' ? node : formOf(node);
    const submit = findAll((n) => n.type === 'Button' && n.props.type === 'submit', form);
    if (submit.some((b) => b.props.isDisabled)) throw new Error('the submit button is disabled');
    await fire(form, 'onSubmit');
  },
  /** Selects the tab whose text matches. */
  async tab(name: string | RegExp) {
    const tabs = one(byType('Tabs'), 'Tabs');
    const names = findAll((n) => n.type === 'Tab', tabs).map((t) => textOf(t));
    const index = names.findIndex((t) => (typeof name === 'string' ? t === name : name.test(t)));
    if (index < 0) throw new Error(`no tab ${name} in ${names.join(', ')}`);
    await fire(tabs, 'onChange', index);
  },
};

/** Waits until the predicate holds, letting the page work; fails with the page's text. */
export async function waitFor(
  predicate: () => boolean,
  what = 'the condition',
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      if (host.doc && predicate()) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out waiting for ${what}\n--- page ---\n${host.doc ? textOf() : '(nothing)'}`);
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
}

/** Answers invoke keys from a table of functions; unknown keys fail the test loudly. */
export function answerWith(table: Record<string, (payload: never) => unknown>) {
  host.invoke = async (key, payload) => {
    const fn = table[key];
    if (!fn) throw new Error(`unexpected invoke("${key}")`);
    return fn(payload as never);
  };
}

export function invoked(key?: string): { functionKey: string; payload: unknown }[] {
  return host.invocations.filter((i) => !key || i.functionKey === key);
}

/** A DynamicTable's caption, head and rows as cell texts (rows in display order). */
export function table(caption: string | RegExp): {
  head: string[];
  rows: string[][];
  highlighted: boolean[];
} {
  const match = (t: unknown) =>
    typeof t === 'string' && (typeof caption === 'string' ? t === caption : caption.test(t));
  const node = one(
    findAll((n) => n.type === 'DynamicTable' && match(n.props.caption)),
    `table ${caption}`,
  );
  const part = (name: string) =>
    node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name);
  const cells = (n: ForgeDocNode) =>
    n.children
      .filter((c) => c.type === 'Cell')
      .map((c) =>
        textOf(c)
          .replace(/\s*\n\s*/g, ' ')
          .replace(/^\|\s*/, ''),
      );
  const head = part('head');
  const rows = part('rows')?.children.filter((r) => r.type === 'Row') ?? [];
  return {
    head: head ? cells(head) : [],
    rows: rows.map(cells),
    highlighted: rows.map((r) => r.props.isHighlighted === true),
  };
}

/** A deferred answer: the page waits until the test resolves it. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The block (Stack) that a Heading with this text opens. */
export function sectionOf(heading: string): ForgeDocNode {
  return one(
    findAll(
      (n) => n.type === 'Stack' && n.children[0]?.type === 'Heading' && textOf(n.children[0]) === heading,
    ),
    `section ${heading}`,
  );
}

/**
 * Keyboard and colour: on every tab of both pages, only components a keyboard reaches take actions,
 * every field has a label that points at it, and every lozenge and section message says in words
 * what its colour says.
 */
import {
  answerWith,
  byType,
  findAll,
  host,
  render,
  textOf,
  user,
  waitFor,
  type ForgeDocNode,
} from './harness';
import React from 'react';
import { App } from '../../src/frontend/app';
import { ADMIN_CONTEXT, PROJECT_CONTEXT, DESKS, adminState, danRejected, clone } from './fixtures';
import { checkSender } from './steps';
import { sampleSnapshot } from '../../src/evaluator';

const INTERACTIVE = new Set([
  'Button',
  'Link',
  'Tabs',
  'Textfield',
  'TextArea',
  'Select',
  'Checkbox',
  'RadioGroup',
  'Form',
]);

function expectAccessible() {
  const all = findAll(() => true);
  // Only keyboard-reachable components carry handlers (no clickable Box, Text or Lozenge).
  for (const node of all) {
    const handlers = Object.keys(node.props).filter(
      (k) => /^on[A-Z]/.test(k) && typeof node.props[k] === 'function',
    );
    if (handlers.length) expect(`${node.type} ${INTERACTIVE.has(node.type)}`).toBe(`${node.type} true`);
  }
  // Every text field, text area and select is named by a Label pointing at it.
  const labelled = new Set(byType('Label').map((l) => l.props.labelFor));
  for (const f of all.filter((n) => ['Textfield', 'TextArea', 'Select'].includes(n.type))) {
    expect(labelled.has(f.props.id ?? f.props.inputId)).toBe(true);
  }
  // Checkboxes carry their own label; radio options theirs.
  for (const c of byType('Checkbox')) expect(String(c.props.label ?? '')).not.toBe('');
  for (const r of byType('RadioGroup')) {
    for (const o of r.props.options as { label: string }[]) expect(o.label).not.toBe('');
  }
  // Colour is never the only meaning: lozenges have words, section messages a title or text.
  for (const l of byType('Lozenge')) expect(textOf(l)).not.toBe('');
  for (const m of byType('SectionMessage')) expect(`${m.props.title ?? ''}${textOf(m)}`.trim()).not.toBe('');
  // Links say where they go.
  for (const a of byType('Link')) expect(textOf(a)).not.toBe('');
}

function tabNames(): string[] {
  return findAll((n: ForgeDocNode) => n.type === 'Tab').map((t) => textOf(t));
}

test('admin page: every tab, and an answer', async () => {
  host.context = ADMIN_CONTEXT;
  const snapshot = clone(sampleSnapshot);
  snapshot.sources = { customerAccess: { kind: 'entered', by: 'Ana', at: '2026-01-01T00:00:00Z' } };
  answerWith({
    getAppState: () => ({ ok: true, data: adminState(snapshot) }),
    diagnose: () => ({ ok: true, data: danRejected() }),
  });
  await render(<App />);
  await waitFor(() => byType('Tabs').length === 1, 'the page');
  await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
  expectAccessible();
  for (const name of tabNames().slice(1)) {
    await user.tab(name);
    expectAccessible();
  }
});

test('project page', async () => {
  host.context = PROJECT_CONTEXT;
  answerWith({
    getAppState: () => ({
      ok: true,
      data: {
        ...adminState(),
        caller: { page: 'project', projectKey: 'HELP', isJiraAdmin: false },
        serviceDesks: [DESKS[0]],
      },
    }),
    diagnose: () => ({ ok: true, data: danRejected() }),
  });
  await render(<App />);
  await waitFor(() => textOf().includes('Check a sender'), 'the page');
  await checkSender('dan@contractor.io');
  expectAccessible();
});

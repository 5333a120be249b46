/**
 * Check many through the real @forge/react reconciler: an export of any length checked in batches
 * with progress, results merged and summarised on the page (summary.ts), each group with its first
 * fix and who makes it, any address opened in full, the results as CSV, a failed batch retried; on
 * the project page for its own project. The resolver's answers come from the real evaluator.
 */
import {
  answerWith,
  button,
  byType,
  deferred,
  field,
  host,
  invoked,
  render,
  table,
  textOf,
  user,
  waitFor,
} from './harness';
import React from 'react';
import { App } from '../../src/frontend/app';
import { BulkPanel } from '../../src/frontend/bulk-panel';
import {
  BULK_BATCH_LINES,
  LOG_NOT_ALLOWED_DOMAIN,
  bulkDiagnose,
  diagnose,
  readAddressRows,
  sampleSnapshot,
} from '../../src/evaluator';
import { ADMIN_CONTEXT, PROJECT_CONTEXT, adminState } from './fixtures';

const NOW = Date.parse('2026-11-21T23:00:00Z');
// Hundreds of addresses through the reconciler: room on a slow, shared machine.
jest.setTimeout(30_000);

type BulkPayload = { text: string; projectKey: string };
/** What the resolver answers, from the real evaluator on the sample site. */
const bulkAnswer = (p: BulkPayload) => ({
  ok: true,
  data: bulkDiagnose(sampleSnapshot, readAddressRows(p.text), { project: p.projectKey }),
});
const diagnoseAnswer = (p: { email: string; projectKey: string }) => ({
  ok: true,
  data: { ...diagnose(sampleSnapshot, p.email, { project: p.projectKey }), snapshot: sampleSnapshot },
});

/** An email-log export: `n` data rows, a stray quote on line 3, an empty cell on line 5, a zero-width space on line 8. */
function exportOf(n: number): string {
  const rows = ['Date,Email,Status'];
  for (let i = 0; i < n; i++) {
    const line = rows.length + 1;
    if (line === 3) rows.push('2026-11-20,"bob@contractor.io,Rejected');
    else if (line === 5) rows.push('2026-11-20,,Rejected');
    else if (line === 8) rows.push('2026-11-20,kim\u200b@initech.com,Rejected');
    else if (line === 9) rows.push('2026-11-20,BOB@Contractor.IO,Rejected');
    else if (line === 10) rows.push('2026-11-20,jane@acme.com,Processed');
    else if (line === 11) rows.push('2026-11-20,"Bob Stone <bob@contractor.io>",Rejected');
    else rows.push(`2026-11-21,p${i}@contractor.io,Rejected`);
  }
  return rows.join('\n');
}

async function openCheckMany(more: Record<string, (p: never) => unknown> = {}) {
  host.context = ADMIN_CONTEXT;
  answerWith({ getAppState: () => ({ ok: true, data: adminState() }), ...more });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Customer Access Doctor'), 'the page');
  await user.tab('Check many');
}

async function checkAll(text: string) {
  await user.type(field('Addresses or an email log export'), text);
  await user.select(field('Service project the emails were sent to'), 'IT Help desk (HELP)');
  await user.submit(button('Check all'));
}

test('says the batch size up front', async () => {
  await openCheckMany();
  expect(textOf()).toContain(`the app checks them ${BULK_BATCH_LINES} at a time`);
});

test('an export longer than one batch: checked in batches with progress, then one summary', async () => {
  const pending: { payload: BulkPayload; answer: ReturnType<typeof deferred<unknown>> }[] = [];
  await openCheckMany({
    diagnoseBulk: (p: BulkPayload) => {
      const answer = deferred<unknown>();
      pending.push({ payload: p, answer });
      return answer.promise;
    },
    diagnose: diagnoseAnswer,
  });
  await checkAll(exportOf(250));
  // 250 rows, 2 of them unreadable: 248 addresses, in batches of 100.
  await waitFor(() => pending.length === 1, 'the first batch');
  expect(textOf()).toContain('Checking 100 of 248 addresses…');
  expect(byType('ProgressBar')[0].props.value).toBe(0);
  pending[0].answer.resolve(bulkAnswer(pending[0].payload));
  await waitFor(() => pending.length === 2, 'the second batch');
  expect(textOf()).toContain('Checking 200 of 248 addresses…');
  pending[1].answer.resolve(bulkAnswer(pending[1].payload));
  await waitFor(() => pending.length === 3, 'the third batch');
  expect(textOf()).toContain('Checking 248 of 248 addresses…');
  pending[2].answer.resolve(bulkAnswer(pending[2].payload));
  await waitFor(() => textOf().includes('250 lines checked'), 'the summary');
  expect(textOf()).not.toContain('Checking');

  // Each batch is a list of addresses only, with its header row.
  expect(pending.map((p) => p.payload.text.split('\n').length)).toEqual([101, 101, 49]);
  expect(pending.every((p) => p.payload.projectKey === 'HELP' && p.payload.text.startsWith('email\n'))).toBe(
    true,
  );

  // BOB@Contractor.IO and bob… are one address; every line that is not an address, with its number.
  expect(textOf()).toContain('Rejected: 245\nUnknown: 0\nAccepted: 1\nNot an address: 3');
  const groups = table('Senders by verdict and cause');
  expect(groups.head).toEqual([
    'Verdict',
    'Cause',
    'Email log line',
    'Addresses',
    'First fix',
    'Who makes it',
  ]);
  expect(groups.rows[0]).toEqual([
    'Rejected',
    "The sender's domain is not on the portal-only (External) domain list",
    LOG_NOT_ALLOWED_DOMAIN,
    expect.stringMatching(/^245 addresses: p0@contractor\.io, .* and 235 more$/),
    expect.stringMatching(/^Add contractor\.io to External's list.*Where: Settings > Products/),
    'A Jira admin',
  ]);
  expect(groups.rows.at(-1)?.slice(0, 2)).toEqual(['Accepted', "Gets in with the sender's existing account"]);
  const page = textOf();
  expect(page).toContain('Lines that are not an address (3)');
  expect(page).toMatch(/Line 3: "2026-11-20,"bob@contractor\.io,Rejected": .*quote/);
  expect(page).toContain('Line 5: "2026-11-20,,Rejected": the "Email" cell is empty');
  expect(page).toMatch(/Line 8: "kim\u200b@initech\.com": .*U\+200B ZERO WIDTH SPACE/);
  expect(page).toContain('1 line repeated an address already counted');
  expect(page).not.toMatch(/text:|email:|diagnoseBulk/);

  // The results as CSV: one row per line, in the order pasted.
  const csv = String(field('The results as CSV').props.value).trimEnd().split('\r\n');
  expect(csv).toHaveLength(251);
  expect(csv[0]).toBe(
    'Line,Input,Address,Verdict,Cause,Email log line,First fix,Who makes it,Not an address because',
  );
  expect(csv[2]).toMatch(/^3,.*quote/);
  expect(csv[8]).toMatch(/^9,BOB@Contractor\.IO,bob@contractor\.io,Rejected,/);
  expect(field('The results as CSV').props.isReadOnly).toBe(true);

  // Any address opens in full: the Check a sender answer.
  await user.select(field('Open one address in full'), 'bob@contractor.io (Rejected)');
  await waitFor(() => textOf().includes('bob@contractor.io writing to'), 'the full answer');
  expect(invoked('diagnose').map((i) => i.payload)).toEqual([
    { email: 'bob@contractor.io', projectKey: 'HELP' },
  ]);
  expect(textOf()).toContain('bob@contractor.io in full');
  await user.click(button('Close'));
  expect(textOf()).not.toContain('bob@contractor.io writing to');
});

test('a batch that fails: the results so far stay, and Try again checks the rest', async () => {
  let calls = 0;
  await openCheckMany({
    diagnoseBulk: (p: BulkPayload) =>
      ++calls === 2
        ? { ok: false, error: { code: 'upstream', message: 'could not read the users (503)' } }
        : bulkAnswer(p),
  });
  await checkAll(exportOf(150));
  await waitFor(() => textOf().includes('could not read the users'), 'the failure');
  expect(textOf()).toContain('100 of 148 addresses were checked before this');
  expect(textOf()).toContain('102 lines checked');
  await user.click(button('Try again'));
  await waitFor(() => textOf().includes('150 lines checked'), 'the rest');
  expect(calls).toBe(3);
  expect(textOf()).not.toContain('could not read the users');
});

test('nothing pasted: says so, sends nothing, and clears the old results', async () => {
  await openCheckMany({ diagnoseBulk: bulkAnswer });
  await checkAll('jane@acme.com');
  await waitFor(() => textOf().includes('1 line checked'), 'the summary');
  await user.type(field('Addresses or an email log export'), '  ');
  await user.submit(button('Check all'));
  expect(textOf()).toContain('Paste at least one address.');
  expect(textOf()).not.toContain('1 line checked');
  expect(invoked('diagnoseBulk')).toHaveLength(1);
});

test('on the project page: checks go to its own project, with no project to choose', async () => {
  host.context = PROJECT_CONTEXT;
  answerWith({ diagnoseBulk: bulkAnswer });
  await render(<BulkPanel serviceDesks={[]} fixedProject={{ key: 'HELP', name: 'IT Help desk' }} />);
  expect(byType('Select')).toHaveLength(0);
  await user.type(field('Addresses or an email log export'), 'dan@contractor.io\nDAN@contractor.io');
  await user.submit(button('Check all'));
  await waitFor(() => textOf().includes('2 lines checked'), 'the summary');
  expect(invoked('diagnoseBulk').map((i) => (i.payload as BulkPayload).projectKey)).toEqual(['HELP']);
  expect(textOf()).toContain('Rejected: 1\nUnknown: 0\nAccepted: 0\nNot an address: 0');
});

/** The human output's building blocks, on real answers of the evaluator for the sample site. */
import { changesOf, decisionMatrix, diagnose, prepareSite, sampleSnapshot } from '../../src/evaluator';
import { makeColors, stripColor } from '../../src/cli/color';
import { formatCheck } from '../../src/cli/format-check';
import { formatMatrix } from '../../src/cli/format-matrix';
import { showValue } from '../../src/cli/labels';

const site = prepareSite(sampleSnapshot);
const plain = makeColors(false);

test('a fix of several changes: a headline, then each change with its page', () => {
  const d = diagnose(site, 'bob@contractor.io', { project: 'VIP' });
  const multi = d.inbound.fixes.findIndex((f) => f.changes.length > 1);
  expect(multi).toBeGreaterThanOrEqual(0);
  const text = formatCheck(d, sampleSnapshot, false, plain);
  expect(text).toContain(`${multi + 1}. `);
  expect(text).toMatch(/These \d changes together:/);
  for (const change of changesOf(d.inbound.fixes[multi])) expect(text).toContain(change.where);
  expect(text).toMatch(/^\s+a\) /m);
  expect(text).toMatch(/^\s+b\) /m);
});

test('colour on: the same words, with colour codes', () => {
  const d = diagnose(site, 'sam@acme.com', { project: 'HELP' });
  const coloured = formatCheck(d, sampleSnapshot, false, makeColors(true));
  expect(coloured).not.toBe(formatCheck(d, sampleSnapshot, false, plain));
  expect(stripColor(coloured)).toBe(formatCheck(d, sampleSnapshot, false, plain));
});

test('the matrix marks the current row, and says so when no row is current', () => {
  const matrix = decisionMatrix(site, 'bob@contractor.io', { project: 'HELP' });
  const text = formatMatrix(matrix, 'HELP', false, plain);
  expect(text.split('\n').filter((l) => l.startsWith('▶'))).toHaveLength(1);
  expect(text.split('\n').filter((l) => l.includes('│'))).toHaveLength(matrix.rows.length + 1);
  const none = formatMatrix(
    { ...matrix, rows: matrix.rows.map((r) => ({ ...r, current: false })) },
    'HELP',
    false,
    plain,
  );
  expect(none).toContain('No row is marked');
});

test('fact values as an admin reads them (the words the pages use)', () => {
  expect(showValue(undefined)).toBe('Unknown');
  expect(showValue(true, 'customerAccess.internal')).toBe('On');
  expect(showValue(false, 'customerAccess.external')).toBe('Off');
  expect(showValue(true, 'accounts[sender]')).toBe('Yes');
  expect(showValue('not-allowed', 'customerAccess.accountCreation')).toBe(
    "Don't allow customers to create their own accounts",
  );
  expect(showValue('none', 'approvedDomains')).toBe('No access');
  expect(showValue('atlassian', 'accounts[sender].type')).toBe('Atlassian account');
  expect(showValue('atlassian', 'emailChannel.mailbox')).toBe('The Atlassian-provided address');
  expect(showValue([])).toBe('(empty list)');
  expect(showValue(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d, e, … (6 in all)');
  expect(showValue({ 'acme.com': 'customer' })).toBe('acme.com: customer');
});

import { age, factValueText, possibilityText, sectionLabel, sourceText } from '../../src/frontend/format';
import { sampleSnapshot } from '../../src/evaluator';

const NOW = Date.parse('2026-11-21T12:00:00Z');

test('ages and sources in words', () => {
  expect(age('2026-11-21T11:59:30Z', NOW)).toBe('just now');
  expect(age('2026-11-21T11:00:00Z', NOW)).toBe('1 hour ago');
  expect(age('2026-11-18T12:00:00Z', NOW)).toBe('3 days ago');
  expect(age('not a date', NOW)).toBeNull();
  expect(sourceText({ kind: 'live', at: '2026-11-21T11:55:00Z' }, NOW)).toBe(
    'Read live from Atlassian, 5 minutes ago',
  );
  expect(sourceText({ kind: 'entered', by: 'Ana', at: '2026-11-20T12:00:00Z' }, NOW)).toBe(
    'Entered by an admin (Ana), 1 day ago',
  );
  expect(sourceText(undefined, NOW)).toBe('Not entered yet');
  // Account IDs mean nothing to a reader: left out.
  expect(sourceText({ kind: 'entered', by: '557058:f00d-cafe', at: '2026-11-20T12:00:00Z' }, NOW)).toBe(
    'Entered by an admin, 1 day ago',
  );
  expect(sourceText({ kind: 'entered', by: '557058:fake-jira-admin', at: '2026-11-21T11:00:00Z' }, NOW)).toBe(
    'Entered by an admin, 1 hour ago',
  );
  // A time that cannot be read is shown as recorded, never as an age.
  expect(sourceText({ kind: 'live', at: 'not-a-time' }, NOW)).toBe('Read live from Atlassian at not-a-time');
});

test('facts in words: settings On/Off, other facts Yes/No, roles and choices as Atlassian names them', () => {
  expect(factValueText({ fact: 'customerAccess.internal', value: true })).toBe('On');
  expect(factValueText({ fact: 'accounts.duplicate', value: false })).toBe('No');
  expect(factValueText({ fact: 'approvedDomains.role', value: 'none' })).toBe('No access');
  expect(factValueText({ fact: 'customerAccess.accountCreation', value: 'not-allowed' })).toBe(
    "Don't allow customers to create their own accounts",
  );
  expect(factValueText({ fact: 'customerAccess.externalList', value: 'not-listed' })).toBe('Not listed');
  expect(factValueText({ fact: 'x' })).toBe('Unknown');
});

test('possibilities: the value in words, causes as sentences', () => {
  expect(
    possibilityText(
      {
        when: { fact: 'customerAccess.accountCreation', value: 'not-allowed' },
        then: { of: 'inbound', verdicts: ['rejected'], causes: ['account-creation-disabled'], accounts: [] },
      },
      'Portal access',
    ),
  ).toBe(
    'If Portal access is "Don\'t allow customers to create their own accounts": Rejected: Customers may not create their own accounts (Portal access).',
  );
  expect(
    possibilityText(
      {
        when: { fact: 'projects.HELP.access', value: 'open' },
        then: { of: 'inbound', verdicts: ['accepted', 'rejected'], causes: [], accounts: [] },
      },
      'Customer permissions',
    ),
  ).toBe('If Customer permissions is "Open": Accepted or rejected, depending on other facts.');
});

test('section names an admin knows', () => {
  expect(sectionLabel('projects.HELP.portalAccessGrants', sampleSnapshot)).toBe(
    'IT Help desk (HELP): Portal Access permissions',
  );
  expect(sectionLabel('projects.VIP', sampleSnapshot)).toBe('Executive support (VIP) customer permissions');
  expect(sectionLabel('approvedDomains')).toBe('Approved domains');
});

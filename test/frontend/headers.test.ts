import { parseHeaders } from '../../src/frontend/headers';

test('reads "Name: value" lines, unfolds continuation lines, keeps the first of a repeated header', () => {
  const text = [
    'Received: from a by b',
    'Received: from c by d',
    'Auto-Submitted: auto-replied',
    'Authentication-Results: mx.example;',
    '\tdmarc=fail (p=reject)',
    '',
    'Precedence:bulk',
  ].join('\r\n');
  expect(parseHeaders(text)).toEqual({
    headers: {
      Received: 'from a by b',
      'Auto-Submitted': 'auto-replied',
      'Authentication-Results': 'mx.example; dmarc=fail (p=reject)',
      Precedence: 'bulk',
    },
    bad: [],
  });
});

test('lines that are not headers are reported, not guessed', () => {
  expect(parseHeaders('Hello there\nPrecedence: bulk\n: no name\nbad name: x')).toEqual({
    headers: { Precedence: 'bulk' },
    bad: ['Hello there', ': no name', 'bad name: x'],
  });
  expect(parseHeaders('  \n')).toEqual({ headers: {}, bad: [] });
});

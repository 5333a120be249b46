import fc from 'fast-check';
import { bulkDiagnose, prepareSite, sampleSnapshot } from '../../src/evaluator';
import { jsonLine } from '../../src/cli/bulk';
import { JsonWriter } from '../../src/cli/json';

describe('JsonWriter: the text of JSON.stringify, with shared parts serialised once', () => {
  test('any JSON value, and values with undefined fields, give exactly JSON.stringify', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(new JsonWriter().stringify(value)).toBe(JSON.stringify(value));
      }),
    );
    const odd = { a: undefined, b: [undefined, 1, () => 1], c: { d: undefined }, e: 'x"\n' };
    expect(new JsonWriter().stringify(odd)).toBe(JSON.stringify(odd));
  });

  test('a shared part met many times, in different parents, stays correct', () => {
    const shared = { checks: [{ id: 'a', result: 'pass' }], n: 1 };
    const writer = new JsonWriter();
    for (let i = 0; i < 5; i++) {
      const line = { email: `u${i}@acme.com`, inbound: shared, list: [shared, shared] };
      expect(writer.stringify(line)).toBe(JSON.stringify(line));
    }
  });

  test('bulk answers on the sample site serialise as JSON.stringify does', () => {
    const lines = [
      'jane@acme.com',
      'bob@contractor.io',
      'ann@contractor.io',
      'oops',
      'sam@acme.com',
      'x@partner.com',
    ];
    for (const project of ['HELP', 'VIP']) {
      const report = bulkDiagnose(prepareSite(sampleSnapshot), lines, { project });
      const writer = new JsonWriter();
      for (const line of report.lines) {
        const expected = JSON.stringify(
          'error' in line ? { input: line.input, error: line.error } : line.diagnosis,
        );
        expect(jsonLine(line, writer)).toBe(expected);
      }
    }
  });
});

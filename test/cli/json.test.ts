import fc from 'fast-check';
import { bulkDiagnose, prepareSite, sampleSnapshot } from '../../src/evaluator';
import { Writable } from 'node:stream';
import { jsonLine, writeJsonLines } from '../../src/cli/bulk';
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

test('writeJsonLines: batches of lines, shared parts reused across batches, exactly JSON.stringify per line', async () => {
  const addresses = Array.from({ length: 1200 }, (_, i) =>
    i % 97 === 0
      ? `not an address ${i}`
      : `user${i}@${['acme.com', 'contractor.io', 'partner.com', `d${i % 7}.example`][i % 4]}`,
  );
  const report = bulkDiagnose(prepareSite(sampleSnapshot), addresses, { project: 'VIP' });
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const writer = new JsonWriter();
  await writeJsonLines(sink, report.lines.slice(0, 700), writer);
  await writeJsonLines(sink, report.lines.slice(700), writer);
  const expected = report.lines
    .map(
      (line) =>
        JSON.stringify('error' in line ? { input: line.input, error: line.error } : line.diagnosis) + '\n',
    )
    .join('');
  expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
});

import { Writable } from 'node:stream';
import { bulkDiagnose, diagnoseLines, prepareSite, sampleSnapshot } from '../../src/evaluator';
import { jsonLine, writeJsonLines } from '../../src/cli/bulk';

const plain = (line: ReturnType<typeof bulkDiagnose>['lines'][number]) =>
  JSON.stringify('error' in line ? { input: line.input, error: line.error } : line.diagnosis);

describe('a JSON line is exactly JSON.stringify of the answer', () => {
  test('bulk answers on the sample site, every kind of address, in both projects', () => {
    const lines = [
      'jane@acme.com',
      'bob@contractor.io',
      'ann@contractor.io',
      'oops',
      'sam@acme.com',
      'x@partner.com',
      'y@partner.com',
      'Quote"Me@new.example',
      '"Jane Q" <jq@new.example>',
      '"odd local"@new.example',
      'é@bücher.example',
    ];
    for (const project of ['HELP', 'VIP']) {
      const report = bulkDiagnose(prepareSite(sampleSnapshot), [...lines, ...lines], { project });
      for (const line of report.lines)
        expect(Buffer.concat(jsonLine(line)).toString('utf8')).toBe(plain(line));
    }
  });

  test('the JSON text an answer is made with is the answer’s JSON, compiled or worked out alone', () => {
    const site = prepareSite(sampleSnapshot);
    const emails = ['a@one.example', 'b@one.example', 'c@two.example', 'd@contractor.io', 'jane@acme.com'];
    for (const line of diagnoseLines(site, [...emails, ...emails], { project: 'HELP' }, true)) {
      if ('error' in line) throw new Error(line.error);
      expect(Buffer.concat(line.json ?? []).toString('utf8')).toBe(JSON.stringify(line.diagnosis));
    }
  });
});

test('writeJsonLines: batches of lines, exactly JSON.stringify per line, in input order', async () => {
  const addresses = Array.from({ length: 1200 }, (_, i) =>
    i % 97 === 0
      ? `not an address ${i}`
      : `user${i}@${['acme.com', 'contractor.io', 'partner.com', `d${i % 7}.example`][i % 4]}`,
  );
  const report = bulkDiagnose(prepareSite(sampleSnapshot), addresses, { project: 'VIP' });
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  await writeJsonLines(sink, report.lines.slice(0, 700));
  await writeJsonLines(sink, report.lines.slice(700));
  expect(chunks.join('')).toBe(report.lines.map((line) => plain(line) + '\n').join(''));
});

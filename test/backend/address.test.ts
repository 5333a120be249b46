/**
 * The resolver refuses an address holding an invisible or full-width character (contract.md §2),
 * naming the character and where it stands, as the pages show it: the real handler, the real
 * @forge/api, against the local fake Atlassian.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import type { FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataCalls, dataOf, startFake } from './harness';

let fake: FakeAtlassian;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

describe('diagnose: an address with an invisible or full-width character', () => {
  test.each([
    ['bo@initech.com\u200b', 'U+200B ZERO WIDTH SPACE after "initech.com"'],
    ['bo@init\u00adech.com', 'U+00AD SOFT HYPHEN after "init"'],
    ['\ufeffbo@initech.com', 'U+FEFF ZERO WIDTH NO-BREAK SPACE before "bo"'],
    ['bo@initech\u2060.com', 'U+2060 WORD JOINER after "initech"'],
    ['bo@initech.com\u200e', 'U+200E LEFT-TO-RIGHT MARK after "initech.com"'],
    ['\uff42\uff4f@initech.com', 'U+FF42 FULLWIDTH LATIN SMALL LETTER B'],
  ])('%j is invalid input naming %s, and no site read is made for it', async (email, named) => {
    const answer = await call('diagnose', { email, projectKey: 'HELP' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid-input');
    expect(answer.error.message).toContain(named);
    expect(answer.error.message).not.toMatch(/\n\s+at /);
    expect(dataCalls(fake)).toEqual([]);
  });

  test('the address without the character is answered as usual', async () => {
    const answer = dataOf(await call('diagnose', { email: 'bo@initech.com', projectKey: 'HELP' }));
    expect(answer.email).toBe('bo@initech.com');
  });
});

/**
 * diagnose answers most addresses from what their domain's facts compiled to (src/evaluator/diagnose.ts):
 * one domain's answer stands for every domain whose facts read alike, names filled in. These tests hold
 * every such answer to the answer worked out for the address alone, on every scenario's site, for
 * addresses at every domain the site names and at domains it does not, met in both orders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, parseAddress, prepareSite, sampleSnapshot, type Snapshot } from '../../src/evaluator';
import { diagnose, diagnoseAlone } from '../../src/evaluator/diagnose';
import { site } from './helpers';

interface Case {
  name: string;
  email: string;
  project?: string;
  set?: Record<string, unknown>;
}

const dir = join(__dirname, 'scenarios');
const cases: Case[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'base.json')
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case[]);

/** Every domain a snapshot names, in the letter case it is written in, and some it does not name. */
function domainsOf(s: Snapshot): string[] {
  const named = [
    ...Object.keys(s.approvedDomains?.domains ?? {}),
    ...(Array.isArray(s.customerAccess?.externalDomains) ? s.customerAccess.externalDomains : []),
    ...(s.emailChannel?.blocklist ?? []),
    ...(s.emailChannel?.allowlist ?? []),
    ...Object.keys(s.accounts ?? {}),
    ...Object.values(s.projects ?? {}).flatMap((p) => p.customers ?? []),
  ].map((e) => e.slice(e.lastIndexOf('@') + 1));
  const unnamed = named.map((d) => `sub.${d}`);
  return [...new Set([...named, ...unnamed, 'elsewhere.example', 'other.example'])].filter((d) =>
    d.includes('.'),
  );
}

function addressesOf(s: Snapshot, email: string): string[] {
  const locals = ['ann', parseAddress(email).local, 'Zed'];
  return [email, ...domainsOf(s).flatMap((d) => locals.map((l) => `${l}@${d}`))];
}

describe.each(cases)('$name', (c) => {
  const snapshot = site(c.set as never);
  const options = { project: c.project };
  const addresses = addressesOf(snapshot, c.email);
  const alone = new Map(addresses.map((a) => [a, diagnoseAlone(snapshot, a, options)]));

  it.each([
    ['in order', addresses],
    ['in reverse order', [...addresses].reverse()],
  ])('each address answered as if alone, %s', (_order, list) => {
    const prepared = prepareSite(snapshot);
    // Twice: the first meeting of a domain, then its compiled answer.
    for (const round of [1, 2])
      for (const a of list)
        expect([round, a, diagnose(prepared, a, options)]).toEqual([round, a, alone.get(a)]);
  });
});

test('no stand-in is ever left in an answer', () => {
  const prepared = prepareSite(sampleSnapshot);
  for (const a of addressesOf(sampleSnapshot, 'bob@contractor.io'))
    for (const project of ['HELP', 'VIP'])
      expect(JSON.stringify(diagnose(prepared, a, { project }))).not.toContain('\\u0000');
});

/** A prepared site's indexes as plain data, to compare. */
function indexes(site: ReturnType<typeof prepareSite>) {
  const plain = (v: unknown): unknown =>
    v instanceof Map
      ? [...v.entries()].map(([k, x]) => [k, plain(x)]).sort()
      : v instanceof Set
        ? [...v].sort()
        : Array.isArray(v)
          ? v.map(plain)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
            : v;
  const { snapshot: _snapshot, ...rest } = site;
  return plain(rest);
}

test('a site a fix changed is indexed as if it were read afresh', () => {
  let fixes = 0;
  for (const c of cases) {
    const snapshot = site(c.set as never);
    const prepared = prepareSite(snapshot);
    for (const a of addressesOf(snapshot, c.email))
      for (const fix of diagnoseAlone(prepared, a, { project: c.project }).inbound.fixes) {
        const changed = applyFix(snapshot, fix);
        expect(indexes(prepareSite(changed))).toEqual(indexes(prepareSite(structuredClone(changed))));
        fixes++;
      }
  }
  expect(fixes).toBeGreaterThan(100);
});

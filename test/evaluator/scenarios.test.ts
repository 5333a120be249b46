import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changesOf, diagnose } from '../../src/evaluator';
import { site } from './helpers';

interface Case {
  name: string;
  email: string;
  project?: string;
  headers?: Record<string, string>;
  set?: Record<string, unknown>;
  expect: {
    verdict: string;
    account?: string | null;
    log?: string | null;
    causes?: string[];
    notification?: string;
    /** invite.error: the Customers page's exact text, or null. */
    inviteError?: string | null;
    turnsOn?: string[];
    /** Fixes that must be offered, by their changes' ids, with who makes them and whether risky. */
    fixes?: { changes: string[]; who?: string; risky?: boolean; letsIn?: string }[];
    /** Change ids that must not be offered. */
    noFix?: string[];
  };
}

/** Every scenario file but the base site: adding a case is adding data. */
const dir = join(__dirname, 'scenarios');
const cases: Case[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'base.json')
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case[]);

describe.each(cases)('$name', (c) => {
  const d = diagnose(site(c.set as never), c.email, { project: c.project, headers: c.headers });
  const e = c.expect;

  it(`inbound verdict is ${e.verdict}`, () => expect(d.inbound.verdict).toBe(e.verdict));
  if (e.account !== undefined) it(`account is ${e.account}`, () => expect(d.inbound.account).toBe(e.account));
  if (e.log !== undefined) it('email log text', () => expect(d.inbound.log).toBe(e.log));
  if (e.causes)
    it(`causes are ${e.causes.join(', ') || 'none'}`, () => expect(d.inbound.causes).toEqual(e.causes));
  if (e.notification)
    it(`invite sends ${e.notification}`, () => expect(d.invite.notification).toBe(e.notification));
  if (e.inviteError !== undefined) it('invite error text', () => expect(d.invite.error).toBe(e.inviteError));
  for (const f of e.fixes ?? []) {
    it(`offers the fix ${f.changes.join(' + ')}${f.who ? `, made by ${f.who}` : ''}`, () => {
      const found = d.inbound.fixes.find((x) => x.changes.map((c) => c.id).join('+') === f.changes.join('+'));
      expect(found).toBeDefined();
      if (f.who) expect(found!.who).toBe(f.who);
      if (f.risky !== undefined) expect(found!.risky).toBe(f.risky);
      if (f.letsIn) expect(found!.letsIn).toContain(f.letsIn);
    });
  }
  if (e.noFix)
    it(`does not offer ${e.noFix.join(', ')}`, () => {
      const ids = d.inbound.fixes.flatMap((x) => x.changes.map((c) => c.id));
      for (const id of e.noFix!) expect(ids).not.toContain(id);
    });
  it('every fix says who can make it and whom it lets in', () => {
    for (const fix of d.inbound.fixes) {
      expect(['agent', 'project-admin', 'jira-admin', 'org-admin']).toContain(fix.who);
      expect(fix.letsIn).not.toBe('');
      for (const change of changesOf(fix)) expect(typeof change.who).toBe('string');
    }
  });
  if (e.turnsOn) {
    it('names the facts the outcome turns on, with what each value gives', () => {
      expect(d.inbound.turnsOn).toEqual(expect.arrayContaining(e.turnsOn!));
      const unknownChecks = d.inbound.checks.filter((k) => k.result === 'unknown');
      expect(unknownChecks.length).toBeGreaterThan(0);
      expect(unknownChecks.some((k) => (k.possibilities ?? []).length >= 2)).toBe(true);
    });
  }
  const unfixable = ['dmarc-failed', 'mail-loop'];
  if (e.verdict === 'rejected' && !d.inbound.causes.some((k) => unfixable.includes(k))) {
    it('has a fix for the first cause, with a settings page', () => {
      expect(d.inbound.fixes.length).toBeGreaterThan(0);
      expect(d.inbound.fixes[0].where).not.toBe('');
      expect(d.inbound.causes).toContain(d.inbound.fixes[0].cause);
    });
  }
  if (e.verdict === 'rejected') {
    it('fails the checks that carry its causes', () => {
      const failed = d.inbound.checks.filter((k) => k.result === 'fail' && k.cause).map((k) => k.cause);
      for (const cause of d.inbound.causes) expect(failed).toContain(cause);
    });
  }
});

import cases from './scenarios/cases.json';
import { diagnose } from '../../src/evaluator';
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
    turnsOn?: string[];
  };
}

describe.each(cases as Case[])('$name', (c) => {
  const d = diagnose(site(c.set as never), c.email, { project: c.project, headers: c.headers });
  const e = c.expect;

  it(`inbound verdict is ${e.verdict}`, () => expect(d.inbound.verdict).toBe(e.verdict));
  if (e.account !== undefined) it(`account is ${e.account}`, () => expect(d.inbound.account).toBe(e.account));
  if (e.log !== undefined) it('email log text', () => expect(d.inbound.log).toBe(e.log));
  if (e.causes)
    it(`causes are ${e.causes.join(', ') || 'none'}`, () => expect(d.inbound.causes).toEqual(e.causes));
  if (e.notification)
    it(`invite sends ${e.notification}`, () => expect(d.invite.notification).toBe(e.notification));
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

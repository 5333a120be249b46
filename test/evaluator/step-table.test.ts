/**
 * The rule book's one table of steps (rules.ts) and one table of causes (causes.ts): every cause is
 * complete (label, email-log decision, owner, a fix or advice), decided by exactly one step, in the
 * order Jira meets them; every change a fix can make answers some cause.
 */
import {
  CAUSES,
  CAUSE_ORDER,
  FIX_OWNERS,
  LOG_NOT_ALLOWED_DOMAIN,
  LOG_NO_PERMISSION,
} from '../../src/evaluator/causes';
import type { Cause } from '../../src/evaluator/causes';
import { FIX_IDS } from '../../src/evaluator/fixes';
import { CHECK_ORDER, INBOUND_STEPS, STEPS, type RuleContext } from '../../src/evaluator/rules';
import { diagnose, prepareSite, sampleSnapshot } from '../../src/evaluator';

const stepOf = (cause: Cause) => STEPS.filter((s) => cause in s.causes);

describe.each(CAUSE_ORDER)('cause %s', (cause) => {
  const entry = CAUSES[cause];

  test('has a label in the admin’s words', () => {
    expect(entry.label.trim().length).toBeGreaterThan(10);
  });

  test('has an email-log decision: Atlassian’s exact text, or none', () => {
    expect('log' in entry).toBe(true);
    expect([LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION, null]).toContain(entry.log);
  });

  test('has an owner (domain.md §5), or none only where nothing should change', () => {
    if (entry.owner === null) expect('advice' in entry && entry.advice).toMatch(/nothing to change/);
    else expect(FIX_OWNERS).toContain(entry.owner);
  });

  test('is decided by exactly one step, which names its fix candidates (or the cause says what to do)', () => {
    const steps = stepOf(cause);
    expect(steps.map((s) => s.id)).toHaveLength(1);
    const fixes = steps[0].causes[cause] ?? [];
    if (fixes.length === 0) expect('advice' in entry && entry.advice).toBeTruthy();
    for (const id of fixes) expect(FIX_IDS).toContain(id);
  });
});

test('the inbound steps meet the causes in the cause table’s order (the log line is the first cause’s)', () => {
  expect(INBOUND_STEPS.flatMap((s) => Object.keys(s.causes))).toEqual(CAUSE_ORDER);
});

test('every change a fix can be made of answers some cause', () => {
  const named = new Set(STEPS.flatMap((s) => Object.values(s.causes).flat()));
  expect(FIX_IDS.filter((id) => !named.has(id))).toEqual([]);
});

test('check ids are the steps’ ids, each once, in table order', () => {
  expect(new Set(CHECK_ORDER).size).toBe(CHECK_ORDER.length);
  const d = diagnose(sampleSnapshot, 'bob@contractor.io', { project: 'HELP' });
  const ids = [...d.inbound.checks, ...d.invite.checks].map((c) => c.id);
  for (const id of ids) expect(CHECK_ORDER).toContain(id);
  const positions = d.inbound.checks.map((c) => CHECK_ORDER.indexOf(c.id));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
});

test('a rule is given no fact values: only `read` reaches them', () => {
  const ctx: RuleContext = { email: 'a@b.c', domain: 'b.c', project: null, note: () => undefined };
  // @ts-expect-error a rule context holds no facts
  expect(ctx.facts).toBeUndefined();
});

test('a domain’s compiled answer is the answer: each address as if diagnosed alone', () => {
  const site = prepareSite(sampleSnapshot);
  for (const project of ['HELP', 'VIP'])
    for (const domain of ['contractor.io', 'acme.com', 'newco.example', 'partner.com'])
      for (const local of ['ann', 'bob', 'cy', 'dee']) {
        const email = `${local}@${domain}`;
        const alone = diagnose(prepareSite(sampleSnapshot), email, { project });
        expect(diagnose(site, email, { project })).toEqual(alone);
        expect(JSON.stringify(alone)).not.toContain('\u0000');
      }
});

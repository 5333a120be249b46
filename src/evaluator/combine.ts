/** Folds the explored paths into one answer: a fact that changes the outcome makes its check "unknown". */
import type { FactKey, FactValue, Facts } from './facts';
import { CHECK_ORDER, type Explored, type InboundPath, type InvitePath, type PathCheck } from './rules';
import { byCauseOrder, logOf } from './causes';
import { causeLabel, NOTIFICATION_SHORT, outcomeText, VERDICT_LABEL } from './vocabulary';
import type {
  Cause,
  Check,
  FactUsed,
  InboundDiagnosis,
  InviteDiagnosis,
  Possibility,
  PossibleOutcome,
  Verdict,
} from './result';

export function showValue(value: FactValue | undefined): string {
  if (value === undefined) return 'unknown';
  if (value === true) return 'on';
  if (value === false) return 'off';
  return String(value);
}

function factsUsed(facts: Facts, keys: FactKey[]): FactUsed[] {
  return keys.map((k) => {
    const f = facts[k];
    return {
      fact: f.path,
      label: f.label,
      ...(f.value === undefined ? {} : { value: f.value }),
      ...(f.source ? { source: f.source } : {}),
      ...(f.sourceOf ? { sourceOf: f.sourceOf } : {}),
    };
  });
}

/** The facts that were assumed on some path and change the outcome. */
function decisiveFacts<T>(paths: Explored<T>[], outcomeKey: (o: T) => string): FactKey[] {
  const keys = new Set<FactKey>();
  for (const p of paths) for (const k of Object.keys(p.assumed) as FactKey[]) keys.add(k);
  return [...keys].filter((k) => {
    const byValue = new Map<string, Set<string>>();
    for (const p of paths) {
      const v = p.assumed[k];
      if (v === undefined) continue;
      const set = byValue.get(String(v)) ?? new Set<string>();
      set.add(outcomeKey(p.outcome));
      byValue.set(String(v), set);
    }
    const signatures = new Set([...byValue.values()].map((s) => [...s].sort().join('|')));
    return signatures.size > 1;
  });
}

function mergeChecks<T extends { checks: PathCheck[] }>(
  facts: Facts,
  paths: Explored<T>[],
  describe: (group: Explored<T>[]) => string,
  structure: (group: Explored<T>[]) => PossibleOutcome,
  decisive: FactKey[],
): Check[] {
  if (paths.length === 1) {
    // Every fact known: the one path's checks, as they are.
    return paths[0].outcome.checks.map((c) => ({
      id: c.id,
      title: c.title,
      result: c.result,
      detail: c.detail,
      facts: factsUsed(facts, c.facts),
      ...(c.cause && c.result === 'fail' ? { cause: c.cause } : {}),
    }));
  }
  const order = (id: string) => {
    const i = (CHECK_ORDER as readonly string[]).indexOf(id);
    return i < 0 ? CHECK_ORDER.length : i;
  };
  const merged = new Map<string, { check: PathCheck; differs: boolean; seq: number }>();
  let seq = 0;
  for (const p of paths) {
    for (const c of p.outcome.checks) {
      const key = `${c.id}\u0000${c.title}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { check: c, differs: false, seq: seq++ });
      else if (seen.check.result !== c.result || seen.check.detail !== c.detail) seen.differs = true;
    }
  }
  const entries = [...merged.values()].sort((a, b) => order(a.check.id) - order(b.check.id) || a.seq - b.seq);
  const placed = new Set<FactKey>();
  return entries.map(({ check, differs }) => {
    const factKeys = [
      ...new Set(
        paths.flatMap((p) =>
          p.outcome.checks
            .filter((c) => c.id === check.id && c.title === check.title)
            .flatMap((c) => c.facts),
        ),
      ),
    ];
    const unknownHere = factKeys.filter(
      (k) => facts[k].value === undefined && decisive.includes(k) && !placed.has(k),
    );
    unknownHere.forEach((k) => placed.add(k));
    const out: Check = {
      id: check.id,
      title: check.title,
      result: check.result,
      detail: check.detail,
      facts: factsUsed(facts, factKeys),
      ...(check.cause && check.result === 'fail' ? { cause: check.cause } : {}),
    };
    if (unknownHere.length) {
      const possibilities: Possibility[] = [];
      for (const k of unknownHere) {
        for (const value of facts[k].possible) {
          const group = paths.filter((p) => p.assumed[k] === value);
          if (group.length)
            possibilities.push({
              value: `${facts[k].label} = ${showValue(value)}`,
              outcome: describe(group),
              when: { fact: facts[k].path, value },
              then: structure(group),
            });
        }
      }
      out.result = 'unknown';
      out.detail = unknownHere
        .map((k) => `${facts[k].label} is not known (${facts[k].whyUnknown ?? 'not in the snapshot'}).`)
        .join(' ');
      out.possibilities = possibilities;
    } else if (differs) {
      out.result = 'unknown';
      out.detail = `Depends on facts that are not known (${decisive.map((k) => facts[k].label).join(', ') || 'see above'}).`;
      delete out.cause;
    }
    return out;
  });
}

/** A possibility's outcome in the vocabulary's words, as the pages and the command line word it. */
function inboundOutcomeText(group: Explored<InboundPath>[]): string {
  return outcomeText(inboundOutcome(group));
}

function inboundOutcome(group: Explored<InboundPath>[]): PossibleOutcome {
  const verdicts = [...new Set(group.map((p) => p.outcome.verdict))];
  const accounts = new Set<NonNullable<InboundPath['account']>>();
  for (const { outcome: o } of group) if (o.verdict === 'accepted' && o.account) accounts.add(o.account);
  return {
    of: 'inbound',
    verdicts,
    causes: sortCauses(group.flatMap((p) => p.outcome.causes)),
    accounts: [...accounts],
  };
}

function sortCauses(causes: Iterable<Cause>): Cause[] {
  return [...new Set(causes)].sort(byCauseOrder);
}

/** Accepted or rejected when every case agrees; otherwise unknown. */
export function verdictOf(paths: Explored<InboundPath>[]): Verdict {
  const first = paths[0].outcome.verdict;
  return first !== 'undocumented' && paths.every((p) => p.outcome.verdict === first) ? first : 'unknown';
}

export function combineInbound(
  facts: Facts,
  paths: Explored<InboundPath>[],
): Omit<InboundDiagnosis, 'fixes'> {
  const verdicts = new Set(paths.map((p) => p.outcome.verdict));
  const verdict = verdictOf(paths);
  const decisive = decisiveFacts(paths, (o) => `${o.verdict}:${o.account}:${o.causes.join(',')}`);
  const checks = mergeChecks(facts, paths, inboundOutcomeText, inboundOutcome, decisive);
  const verdictFacts = decisive;
  const turnsOn = verdict === 'unknown' ? verdictFacts.map((k) => facts[k].path) : [];
  if (verdict === 'accepted') {
    const accounts = new Set(paths.map((p) => p.outcome.account));
    const account = accounts.size === 1 ? paths[0].outcome.account : null;
    return { verdict, account, log: null, causes: [], checks, turnsOn, summary: acceptedSummary(account) };
  }
  if (verdict === 'rejected') {
    // The causes that block whatever the unknown facts are; if none is common to every case,
    // each case's own (the unknown checks say which applies when).
    const common = paths
      .map((p) => new Set(p.outcome.causes))
      .reduce((acc, set) => new Set([...acc].filter((c) => set.has(c))));
    const causes = sortCauses(common.size ? common : paths.flatMap((p) => p.outcome.causes));
    const logs = new Set(
      paths.map((p) =>
        p.outcome.logUnknown
          ? undefined
          : p.outcome.causes.length
            ? logOf(sortCauses(p.outcome.causes)[0])
            : null,
      ),
    );
    const log = logs.size === 1 ? ([...logs][0] ?? null) : null;
    return {
      verdict,
      account: null,
      log,
      causes,
      checks,
      turnsOn,
      summary: log
        ? `${VERDICT_LABEL.rejected}. The email log will say "${log}"`
        : causes.length
          ? `${VERDICT_LABEL.rejected}: ${causeLabel(causes[0])}.`
          : `${VERDICT_LABEL.rejected}.`,
    };
  }
  const undocumented = verdicts.has('undocumented');
  return {
    verdict,
    account: null,
    log: null,
    causes: [],
    checks,
    turnsOn,
    summary: turnsOn.length
      ? `Unknown: the outcome turns on ${verdictFacts.map((k) => facts[k].label).join(', ')}, which the snapshot does not have.`
      : undocumented
        ? 'Unknown: Atlassian does not document the outcome for this case.'
        : 'Unknown.',
  };
}

/** An accepted email in the vocabulary's words ("Accepted, with a new Atlassian account."), worded once. */
const ACCEPTED_SUMMARY = new Map<InboundDiagnosis['account'], string>(
  ([null, 'existing', 'atlassian-account', 'portal-only-account'] as const).map((account) => [
    account,
    `${outcomeText({ of: 'inbound', verdicts: ['accepted'], causes: [], accounts: account ? [account] : [] })}.`,
  ]),
);

function acceptedSummary(account: InboundDiagnosis['account']): string {
  return ACCEPTED_SUMMARY.get(account) ?? `${VERDICT_LABEL.accepted}.`;
}

export function combineInvite(facts: Facts, paths: Explored<InvitePath>[]): InviteDiagnosis {
  const notifications = new Set(paths.map((p) => p.outcome.notification));
  const notification = notifications.size === 1 ? paths[0].outcome.notification : 'unknown';
  const decisive = decisiveFacts(paths, (o) => o.notification);
  // A possibility's outcome in the vocabulary's words, as the pages and the command line word it.
  const describe = (group: Explored<InvitePath>[]) => outcomeText(structure(group));
  const structure = (group: Explored<InvitePath>[]): PossibleOutcome => ({
    of: 'invite',
    notifications: [...new Set(group.map((p) => p.outcome.notification))],
  });
  const checks = mergeChecks(facts, paths, describe, structure, decisive);
  const detail =
    notifications.size === 1
      ? paths[0].outcome.detail
      : `Depends on ${decisive.map((k) => facts[k].label).join(', ')}: ${[...notifications].map((n) => NOTIFICATION_SHORT[n]).join(' or ')}.`;
  const errors = new Set(paths.map((p) => p.outcome.error));
  return {
    notification,
    error: errors.size === 1 ? [...errors][0] : null,
    detail,
    checks,
    turnsOn: notification === 'unknown' ? decisive.map((k) => facts[k].path) : [],
  };
}

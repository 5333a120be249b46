import { AddressError, parseAddress, type ParsedAddress } from './address';
import { combineInbound, combineInvite } from './combine';
import {
  factsOf,
  isPersonal,
  isPrepared,
  lookUp,
  namesAddress,
  prepareSite,
  readFacts,
  withValues,
  type FactKey,
  type FactValue,
  type Facts,
  type PreparedSite,
  type Shown,
} from './facts';
import { searchFixes } from './fixes';
import type { MessageHeaders } from './headers';
import { applyFix } from './patch';
import { explore, inboundPath, invitePath, ruleContext, type RuleContext } from './rules';
import type { Cause, Diagnosis, Fix, InboundDiagnosis } from './result';
import { template, type Template } from './template';
import type { Snapshot } from './snapshot';

export { prepareSite, type PreparedSite } from './facts';
export type { MessageHeaders } from './headers';

export interface DiagnoseOptions {
  /** Project key; optional when the snapshot has exactly one project. */
  project?: string;
  /** Headers of the message, when known: turns on the email channel's header filters. */
  headers?: MessageHeaders;
  /** Compute fixes (default true). */
  fixes?: boolean;
}

export class DiagnoseError extends Error {
  constructor(
    readonly code: 'invalid-address' | 'unknown-project',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'DiagnoseError';
  }
}

/** The project a diagnosis is for: the named one (any case), else the snapshot's only one, else none (unknown). */
export function resolveProject(
  site: PreparedSite,
  requested: string | undefined,
): { key: string | null; name?: string } {
  const projects = site.projects;
  if (requested !== undefined && requested.trim() !== '') {
    const found = projects?.get(requested.trim().toUpperCase());
    if (found) return { key: found.key, name: found.facts.name };
    // No projects in the snapshot: the project's facts are unknown, not an error.
    if (!projects) return { key: requested.trim() };
    const known = projects ? [...projects.values()].map((p) => p.key) : [];
    throw new DiagnoseError(
      'unknown-project',
      `project "${requested}" is not in the snapshot${known.length ? ` (its projects: ${known.join(', ')})` : ' (its projects list is empty)'}`,
      'project',
    );
  }
  if (projects && projects.size === 1) {
    const only = [...projects.values()][0];
    return { key: only.key, name: only.facts.name };
  }
  // Several projects and none named: the project's facts are unknown, and the checks say so.
  return { key: null };
}

export function toAddress(email: string): ParsedAddress {
  try {
    return parseAddress(email);
  } catch (e) {
    if (e instanceof AddressError) throw new DiagnoseError('invalid-address', e.message, 'email');
    throw e;
  }
}

/** The inbound rules over every value of the unknown facts, with some facts overridden. */
function inboundWith(facts: Facts, ctx: RuleContext, override: Partial<Record<FactKey, FactValue>> = {}) {
  const changed = withValues(facts, override);
  return { facts: changed, paths: explore(changed, (read) => inboundPath(read, ctx)) };
}

function inboundOf(facts: Facts, shown: Shown, project: string | null, headers?: MessageHeaders) {
  const ctx = ruleContext(facts, { ...shown, project, headers });
  const { paths } = inboundWith(facts, ctx);
  return { ctx, paths, inbound: combineInbound(facts, paths) };
}

/**
 * Stand for the sender and the sender's domain in a compiled answer. Each holds a NUL character,
 * which no address may (parseAddress refuses it), so each can only ever stand for the sender.
 */
const SENDER = '\u0000sender\u0000';
const DOMAIN = '\u0000domain\u0000';
const STAND_IN: Shown = { email: SENDER, domain: DOMAIN };

/**
 * The answers a site gives, compiled by what it says of the sender. The facts of a diagnosis are
 * written from the sender's entries in the site (lookUp: its domain's row, the lists it is on, its
 * account) and the site's own settings, with the sender and the domain stood in for; every sender
 * whose entries read alike shares one compiled answer, with its own names filled in. A domain met
 * again keeps its answer with only the address left to fill in (for the addresses the site does not
 * name themselves). A sender the site names (an account, say) compiles on the second sighting of
 * its kind: accounts with names of their own are each a kind, and answered alone.
 */
interface Compiled {
  /** What the site says of a sender (SenderEntries) → the answer with the domain and the sender stood in for. */
  byFacts: Map<string, Template<Diagnosis>>;
  /** Domain → its answer; from its second address on, with the domain filled in. */
  byDomain: Map<string, { facts: Template<Diagnosis>; domain?: Template<Diagnosis> }>;
  /** The kinds of named sender met once (answered alone). */
  metOnce: Set<string>;
}
/** Per site, per project (or none), with fixes and without: what is compiled. */
const compiled = new WeakMap<PreparedSite, Map<string | null, [Compiled?, Compiled?]>>();

function compiledFor(site: PreparedSite, project: string | null, fixes: boolean): Compiled {
  let bySite = compiled.get(site);
  if (!bySite) compiled.set(site, (bySite = new Map()));
  let byProject = bySite.get(project);
  if (!byProject) bySite.set(project, (byProject = []));
  const i = fixes ? 0 : 1;
  return (byProject[i] ??= { byFacts: new Map(), byDomain: new Map(), metOnce: new Set() });
}

/** What happens when EMAIL writes to the project, and what an invite would send. */
export function diagnose(
  site: Snapshot | PreparedSite,
  email: string,
  options: DiagnoseOptions = {},
): Diagnosis {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  return diagnoseParsed(prepared, toAddress(email), resolveProject(prepared, options.project), options);
}

/** The answer worked out for this one address, compiling nothing: what every compiled answer must equal. */
export function diagnoseAlone(
  site: Snapshot | PreparedSite,
  email: string,
  options: DiagnoseOptions = {},
): Diagnosis {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  return alone(prepared, toAddress(email), resolveProject(prepared, options.project), options);
}

/** diagnose for an address already parsed and a project already resolved (bulk parses each line once). */
export function diagnoseParsed(
  prepared: PreparedSite,
  address: ParsedAddress,
  project: { key: string | null; name?: string },
  options: DiagnoseOptions = {},
): Diagnosis {
  const compiledAnswer = compile(prepared, address, project, options);
  return compiledAnswer
    ? compiledAnswer.make([address.domain, address.email])
    : alone(prepared, address, project, options);
}

/** diagnoseParsed and the answer's JSON text as UTF-8 pieces (`bulk --json`): what answers share is serialised once. */
export function diagnoseWithJson(
  prepared: PreparedSite,
  address: ParsedAddress,
  project: { key: string | null; name?: string },
  options: DiagnoseOptions = {},
): { diagnosis: Diagnosis; json: Uint8Array[] } {
  const compiledAnswer = compile(prepared, address, project, options);
  if (!compiledAnswer) {
    const diagnosis = alone(prepared, address, project, options);
    return { diagnosis, json: [utf8.encode(JSON.stringify(diagnosis))] };
  }
  const values = [address.domain, address.email];
  return { diagnosis: compiledAnswer.make(values), json: compiledAnswer.jsonBytes(values) };
}

const utf8 = new TextEncoder();

function alone(
  prepared: PreparedSite,
  address: ParsedAddress,
  project: { key: string | null; name?: string },
  options: DiagnoseOptions,
): Diagnosis {
  return diagnoseAs(prepared, address, address, readFacts(prepared, address, project.key), project, options);
}

/**
 * The compiled answer the address is made from, with the domain and the sender to fill in; null
 * when it is answered alone (headers are given, or a named sender's kind is met the first time).
 */
function compile(
  prepared: PreparedSite,
  address: ParsedAddress,
  project: { key: string | null; name?: string },
  options: DiagnoseOptions,
): Template<Diagnosis> | null {
  if (options.headers) return null;
  const c = compiledFor(prepared, project.key, options.fixes !== false);
  const known = c.byDomain.get(address.domain);
  // From its second address on, a domain's answer has only the sender left to fill in.
  if (known && !namesAddress(prepared, address.email, project.key))
    return (known.domain ??= known.facts.fill([address.domain, undefined]));
  const sender = lookUp(prepared, address, project.key);
  // What the site says of the sender decides its facts: senders alike share one compiled answer.
  const key = JSON.stringify(sender);
  let byFacts = c.byFacts.get(key);
  if (!byFacts) {
    if (isPersonal(sender) && !c.metOnce.has(key)) {
      if (c.metOnce.size >= 100_000) c.metOnce.clear();
      c.metOnce.add(key);
      return null;
    }
    const facts = factsOf(prepared, sender, project.key, STAND_IN);
    byFacts = template(diagnoseAs(prepared, address, STAND_IN, facts, project, options), [DOMAIN, SENDER]);
    c.byFacts.set(key, byFacts);
  }
  // A domain's answer stands for its addresses the site does not name (isPersonal).
  if (!isPersonal(sender)) c.byDomain.set(address.domain, { facts: byFacts });
  return byFacts;
}

/**
 * The diagnosis of the facts read for `address`, its words naming the sender as `shown`. Only a
 * fix's confirmation, which re-evaluates the changed snapshot, looks at the address itself.
 */
function diagnoseAs(
  prepared: PreparedSite,
  address: ParsedAddress,
  shown: Shown,
  facts: Facts,
  project: { key: string | null; name?: string },
  options: DiagnoseOptions,
): Diagnosis {
  const { ctx, paths, inbound } = inboundOf(facts, shown, project.key, options.headers);
  // A fix names the sender as shown; it is confirmed on the snapshot with the sender's own names.
  const named =
    shown === address
      ? (fix: Fix) => fix
      : (fix: Fix) => template(fix, [DOMAIN, SENDER]).make([address.domain, address.email]);

  let fixes: InboundDiagnosis['fixes'] = [];
  if (options.fixes !== false && inbound.verdict === 'rejected') {
    const causes = new Set<Cause>(paths.flatMap((p) => p.outcome.causes));
    fixes = searchFixes(
      { site: prepared, facts, shown, project: project.key, causes },
      inbound.causes,
      (effect, goal) =>
        inboundWith(facts, ctx, effect).paths.every((p) =>
          goal === 'accepted'
            ? p.outcome.verdict === 'accepted'
            : !p.outcome.causes.some((c) => inbound.causes.includes(c)),
        ),
      (fix, goal) => {
        const changed = prepareSite(applyFix(prepared.snapshot, named(fix)));
        const after = inboundOf(
          readFacts(changed, address, project.key),
          address,
          project.key,
          options.headers,
        ).inbound;
        return goal === 'accepted'
          ? after.verdict === 'accepted'
          : !after.causes.some((c) => inbound.causes.includes(c));
      },
    );
  }

  const invitePaths = explore(facts, (read) => invitePath(read, ctx));
  return {
    email: shown.email,
    project: project.key,
    ...(project.name ? { projectName: project.name } : {}),
    inbound: { ...inbound, fixes },
    invite: combineInvite(facts, invitePaths),
  };
}

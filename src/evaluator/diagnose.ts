import { AddressError, parseAddress, type ParsedAddress } from './address';
import { combineInbound, combineInvite } from './combine';
import {
  isPrepared,
  prepareSite,
  readFacts,
  withValues,
  type FactKey,
  type FactValue,
  type Facts,
  type PreparedSite,
} from './facts';
import { searchFixes } from './fixes';
import type { MessageHeaders } from './headers';
import { applyFix } from './patch';
import { explore, inboundPath, invitePath, ruleContext, type RuleContext } from './rules';
import type { Cause, Diagnosis, InboundDiagnosis } from './result';
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

function inboundOnly(
  site: PreparedSite,
  address: ParsedAddress,
  project: string | null,
  headers?: MessageHeaders,
) {
  const facts = readFacts(site, address, project);
  const ctx = ruleContext(facts, { email: address.email, domain: address.domain, project, headers });
  const { paths } = inboundWith(facts, ctx);
  return { facts, ctx, paths, inbound: combineInbound(facts, paths) };
}

/**
 * Stands for the sender in a domain's compiled answer. It holds a NUL character, which no address
 * may (parseAddress refuses it), so it can only ever stand for the sender.
 */
const SENDER = '\u0000sender\u0000';

/**
 * The answers a site's facts give, compiled once per (domain, project, fixes on or off): every
 * address of a domain that has no account, is on no blocklist by its own address and is no
 * customer of the project reads the same facts, so gets the same answer with its address in it.
 * A domain seen once is marked (null) and answered directly; its second address compiles it.
 */
const compiled = new WeakMap<PreparedSite, Map<string, ((email: string) => Diagnosis) | null>>();

/** Whether the address itself (not only its domain) appears in the site's facts. */
function personal(site: PreparedSite, email: string, project: string | null): boolean {
  if (site.accounts?.has(email) || site.blocklist?.has(email)) return true;
  const p = project ? site.projects?.get(project.toUpperCase()) : undefined;
  return p?.customers?.has(email) === true;
}

/**
 * A function that gives `value` with every occurrence of `token` in its strings replaced, sharing
 * each part of `value` that holds no token (so it costs only the parts that name the sender).
 */
function withToken<T>(value: T, token: string): (replacement: string) => T {
  const make = maker(value, token);
  return make ? (make as (r: string) => T) : () => value;
}

/** null: `value` holds no token. */
function maker(value: unknown, token: string): ((r: string) => unknown) | null {
  if (typeof value === 'string') {
    if (!value.includes(token)) return null;
    const parts = value.split(token);
    return (r) => parts.join(r);
  }
  if (value === null || typeof value !== 'object') return null;
  const dynamic: [string, (r: string) => unknown][] = [];
  for (const k of Object.keys(value)) {
    const make = maker((value as Record<string, unknown>)[k], token);
    if (make) dynamic.push([k, make]);
  }
  if (!dynamic.length) return null;
  const array = Array.isArray(value);
  return (r) => {
    const copy = (array ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>;
    for (const [k, make] of dynamic) copy[k] = make(r);
    return copy;
  };
}

/** What happens when EMAIL writes to the project, and what an invite would send. */
export function diagnose(
  site: Snapshot | PreparedSite,
  email: string,
  options: DiagnoseOptions = {},
): Diagnosis {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  const address = toAddress(email);
  const project = resolveProject(prepared, options.project);
  if (options.headers || personal(prepared, address.email, project.key))
    return diagnoseAddress(prepared, address, project, options);
  let bySite = compiled.get(prepared);
  if (!bySite) compiled.set(prepared, (bySite = new Map()));
  const key = `${address.domain}\u0000${project.key ?? ''}\u0000${options.fixes !== false}`;
  const answer = bySite.get(key);
  if (answer) return answer(address.email);
  // The first address of a domain is answered directly; a second one compiles the domain's answer.
  if (answer === undefined) {
    bySite.set(key, null);
    return diagnoseAddress(prepared, address, project, options);
  }
  const stand = { ...address, email: `${SENDER}@${address.domain}`, local: SENDER };
  const compiledAnswer = withToken(diagnoseAddress(prepared, stand, project, options), stand.email);
  bySite.set(key, compiledAnswer);
  return compiledAnswer(address.email);
}

function diagnoseAddress(
  prepared: PreparedSite,
  address: ParsedAddress,
  project: { key: string | null; name?: string },
  options: DiagnoseOptions,
): Diagnosis {
  const { facts, ctx, paths, inbound } = inboundOnly(prepared, address, project.key, options.headers);

  let fixes: InboundDiagnosis['fixes'] = [];
  if (options.fixes !== false && inbound.verdict === 'rejected') {
    const causes = new Set<Cause>(paths.flatMap((p) => p.outcome.causes));
    fixes = searchFixes(
      {
        site: prepared,
        facts,
        email: address.email,
        domain: address.domain,
        project: project.key,
        causes,
      },
      inbound.causes,
      (effect, goal) =>
        inboundWith(facts, ctx, effect).paths.every((p) =>
          goal === 'accepted'
            ? p.outcome.verdict === 'accepted'
            : !p.outcome.causes.some((c) => inbound.causes.includes(c)),
        ),
      (fix, goal) => {
        const after = inboundOnly(
          prepareSite(applyFix(prepared.snapshot, fix)),
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
    email: address.email,
    project: project.key,
    ...(project.name ? { projectName: project.name } : {}),
    inbound: { ...inbound, fixes },
    invite: combineInvite(facts, invitePaths),
  };
}

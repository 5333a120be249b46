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

/** What happens when EMAIL writes to the project, and what an invite would send. */
export function diagnose(
  site: Snapshot | PreparedSite,
  email: string,
  options: DiagnoseOptions = {},
): Diagnosis {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  const address = toAddress(email);
  const project = resolveProject(prepared, options.project);
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

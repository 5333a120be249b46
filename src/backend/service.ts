/**
 * What each resolver key does once the caller is known and the payload valid. Readers read, the
 * evaluator decides; this file only chooses what to read for whom and assembles the answers.
 */
import {
  bulkDiagnose,
  decisionMatrix,
  diagnose,
  DiagnoseError,
  parseAddress,
  prepareSite,
  readAddressLines,
  type BulkReport,
  type Snapshot,
} from '../evaluator';
import { callerView, type Caller } from './auth';
import { AppError, ReadError } from './errors';
import { mapLimit, type Http } from './http';
import type { AppState, DiagnoseAnswer } from './keys';
import { readApprovedDomains } from './readers/approvedDomains';
import { LIMITS, type Payload } from './schemas';
import {
  readSender,
  readSiteBase,
  serviceDesksOf,
  withSenders,
  type ReadContext,
  type SenderFacts,
} from './site';
import {
  Cache,
  clearAdminApi,
  confirmSection,
  readAdminApi,
  saveAdminApi,
  saveProjectAccess,
  saveSiteSection,
} from './store';

export class Service {
  readonly cache: Cache;

  constructor(
    readonly http: Http,
    readonly caller: Caller,
    readonly now: () => Date = () => new Date(),
  ) {
    this.cache = new Cache(now);
  }

  private async context(): Promise<ReadContext> {
    const admin = await readAdminApi();
    const ctx: ReadContext = {
      http: this.http,
      cache: this.cache,
      now: this.now(),
      siteUrl: this.caller.siteUrl,
      cacheScope: this.caller.page === 'project' ? `project:${this.caller.projectKey}` : 'site',
      browseUsers: this.caller.browseUsers !== false,
    };
    if (this.caller.page === 'project') ctx.onlyProject = this.caller.projectKey;
    if (admin) ctx.adminApi = { orgId: admin.config.orgId, apiKey: admin.apiKey };
    return ctx;
  }

  /** A project the caller names: on the project page only its own project. */
  private scopeProject(requested: string | undefined): string | undefined {
    if (this.caller.page === 'project') {
      if (requested && requested !== this.caller.projectKey) {
        throw new AppError(
          'forbidden',
          `This page may only see ${this.caller.projectKey}, not ${requested}.`,
        );
      }
      return this.caller.projectKey;
    }
    return requested;
  }

  private requireJiraAdmin(what: string): void {
    if (!this.caller.isJiraAdmin) throw new AppError('forbidden', `Only a Jira admin may ${what}.`);
  }

  async appState(): Promise<AppState> {
    const ctx = await this.context();
    const base = await readSiteBase(ctx, this.caller.page === 'project' ? [this.caller.projectKey!] : 'all');
    return {
      caller: callerView(this.caller),
      snapshot: base.snapshot,
      serviceDesks: base.serviceDesks ?? [],
      adminApi: ctx.adminApi ? { keySet: true, orgId: ctx.adminApi.orgId } : { keySet: false },
      stale: base.stale,
      unreadable: base.snapshot.unreadable ?? {},
    };
  }

  async getSnapshot(payload: Payload<'getSnapshot'>): Promise<Snapshot> {
    const project = this.scopeProject(payload.projectKey);
    const ctx = await this.context();
    const desks = serviceDesksOf(ctx, project);
    const base = await readSiteBase(ctx, project ? [project] : 'all', desks);
    if (project) await this.requireServiceProject(project, desks);
    return base.snapshot;
  }

  private async requireServiceProject(
    project: string,
    desks: ReturnType<typeof serviceDesksOf>,
  ): Promise<void> {
    const d = await desks;
    if (d.ok && !d.value.some((x) => x.projectKey === project)) {
      throw new AppError(
        'not-found',
        `projectKey: ${project} is not a service project on this site.`,
        'projectKey',
      );
    }
  }

  /** The project to diagnose against: named (already scoped), or the site's only service project. */
  private async targetProject(
    ctx: ReadContext,
    key: string | undefined,
  ): Promise<{ key: string; desks: ReturnType<typeof serviceDesksOf> }> {
    if (key) return { key, desks: serviceDesksOf(ctx, key) };
    const desks = serviceDesksOf(ctx);
    const d = await desks;
    if (!d.ok) throw new AppError('upstream', `Name the project: ${d.message}.`, 'projectKey');
    if (d.value.length === 1) return { key: d.value[0].projectKey, desks };
    throw new AppError(
      'invalid-input',
      `projectKey: required, the site has ${d.value.length} service projects`,
      'projectKey',
    );
  }

  async diagnose(payload: Payload<'diagnose'>): Promise<DiagnoseAnswer> {
    let email: string;
    try {
      email = parseAddress(payload.email).email;
    } catch (error) {
      throw new AppError('invalid-input', `email: ${(error as Error).message}`, 'email');
    }
    const requested = this.scopeProject(payload.projectKey);
    const ctx = await this.context();
    const { key, desks } = await this.targetProject(ctx, requested);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const [base, sender] = await Promise.all([
      readSiteBase(ctx, [key], desks, [domain]),
      readSender(ctx, email, key),
    ]);
    await this.requireServiceProject(key, desks);
    const snapshot = withSenders(base.snapshot, [sender], key);
    const site = prepareSite(snapshot);
    const options = payload.headers ? { project: key, headers: payload.headers } : { project: key };
    const diagnosis = evaluate(() => diagnose(site, email, options));
    const answer: DiagnoseAnswer = { ...diagnosis, snapshot };
    try {
      answer.matrix = decisionMatrix(site, email, options);
    } catch {
      // The matrix is an extra; a diagnosis without it is still whole.
    }
    return answer;
  }

  async diagnoseBulk(payload: Payload<'diagnoseBulk'>): Promise<BulkReport> {
    const lines = evaluate(() => readAddressLines(payload.text));
    if (lines.length > LIMITS.bulkLines) {
      throw new AppError(
        'invalid-input',
        `text: holds ${lines.length} addresses; check at most ${LIMITS.bulkLines} at a time`,
        'text',
      );
    }
    const requested = this.scopeProject(payload.projectKey);
    const ctx = await this.context();
    const { key, desks } = await this.targetProject(ctx, requested);
    const addresses = lines.map((line) => {
      try {
        return parseAddress(line).email;
      } catch {
        return null;
      }
    });
    const unique = [...new Set(addresses.filter((a): a is string => a !== null))];
    // Each distinct domain's approved-domain row is read once (bounded concurrency in readSiteBase).
    const domains = [...new Set(unique.map((e) => e.slice(e.lastIndexOf('@') + 1)))];
    const [base, senders] = await Promise.all([
      readSiteBase(ctx, [key], desks, domains),
      mapLimit(unique, 6, (email) => readSender(ctx, email, key)),
    ]);
    await this.requireServiceProject(key, desks);
    const byEmail = new Map(senders.map((s) => [s.email, s]));
    // Senders whose reads failed in the same way share a snapshot; the rest of the site is the same.
    const groups = new Map<string, { senders: SenderFacts[]; indexes: number[] }>();
    addresses.forEach((email, index) => {
      const s = email ? byEmail.get(email) : undefined;
      const signature = s ? `${s.account === undefined}:${s.customer === undefined}` : 'false:false';
      const group = groups.get(signature) ?? { senders: [], indexes: [] };
      if (s && !group.senders.includes(s)) group.senders.push(s);
      group.indexes.push(index);
      groups.set(signature, group);
    });
    const reports = [...groups.values()].map((g) => ({
      indexes: g.indexes,
      report: evaluate(() =>
        bulkDiagnose(
          prepareSite(withSenders(base.snapshot, g.senders, key)),
          g.indexes.map((i) => lines[i]),
          {
            project: key,
          },
        ),
      ),
    }));
    return mergeReports(lines.length, reports);
  }

  async saveSettings(payload: Payload<'saveSettings'>): Promise<AppState> {
    const by = this.caller.accountId;
    if (payload.section === 'project') {
      const key = this.scopeProject(payload.projectKey)!;
      await saveProjectAccess(key, payload.value, by, this.now());
    } else {
      if (this.caller.page !== 'admin') {
        throw new AppError('forbidden', 'Site settings are saved on the Customer Access Doctor admin page.');
      }
      await saveSiteSection(payload.section, payload.value, by, this.now());
    }
    return this.appState();
  }

  async confirmSettings(payload: Payload<'confirmSettings'>): Promise<AppState> {
    const section = payload.section;
    const target = section.startsWith('projects.')
      ? { projectKey: this.scopeProject(section.slice('projects.'.length))! }
      : (section as 'customerAccess' | 'approvedDomains' | 'emailChannel');
    if (typeof target === 'string' && this.caller.page !== 'admin') {
      throw new AppError(
        'forbidden',
        'Site settings are confirmed on the Customer Access Doctor admin page.',
      );
    }
    if (!(await confirmSection(target, this.caller.accountId, this.now()))) {
      throw new AppError('not-found', `section: nothing was entered for ${section}`, 'section');
    }
    return this.appState();
  }

  async setApiKey(payload: Payload<'setApiKey'>): Promise<AppState> {
    this.requireJiraAdmin('set the organization API key');
    try {
      await readApprovedDomains(this.http, payload.orgId, payload.apiKey);
    } catch (error) {
      if (
        error instanceof ReadError &&
        (error.status === 401 || error.status === 403 || error.status === 404)
      ) {
        const field = error.status === 404 ? 'orgId' : 'apiKey';
        throw new AppError('invalid-input', `${field}: the Admin API refused it (${error.reason})`, field);
      }
      if (!(error instanceof ReadError)) throw error;
      // Other failures (500, timeout…) say nothing about the key: keep it; the state shows the failure.
    }
    await saveAdminApi(payload.orgId, payload.apiKey, this.caller.accountId, this.now());
    await this.cache.clear();
    return this.appState();
  }

  async clearApiKey(): Promise<AppState> {
    this.requireJiraAdmin('clear the organization API key');
    await clearAdminApi();
    await this.cache.clear();
    return this.appState();
  }

  async refresh(): Promise<AppState> {
    await this.cache.clear();
    return this.appState();
  }
}

/** Runs the evaluator; its refusals become answers naming the field. */
function evaluate<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DiagnoseError) {
      const code = error.code === 'unknown-project' ? 'not-found' : 'invalid-input';
      throw new AppError(code, `${error.field}: ${error.message}`, error.field);
    }
    throw error;
  }
}

/** One report from the per-group reports, lines back in input order, counts and groups summed. */
export function mergeReports(total: number, parts: { indexes: number[]; report: BulkReport }[]): BulkReport {
  if (parts.length === 1) return parts[0].report;
  const lines = new Array<BulkReport['lines'][number]>(total);
  const counts: BulkReport['counts'] = { accepted: 0, rejected: 0, unknown: 0, invalid: 0 };
  const groups = new Map<string, BulkReport['groups'][number]>();
  for (const { indexes, report } of parts) {
    report.lines.forEach((line, i) => (lines[indexes[i]] = line));
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += report.counts[k] ?? 0;
    for (const g of report.groups) {
      const id = `${g.verdict}|${g.cause}|${g.log}`;
      const existing = groups.get(id);
      if (existing) {
        existing.count += g.count;
        existing.emails.push(...g.emails);
      } else groups.set(id, { ...g, emails: [...g.emails] });
    }
  }
  return { lines, counts, groups: [...groups.values()].sort((a, b) => b.count - a.count) };
}

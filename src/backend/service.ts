/**
 * What each resolver key does once the caller is known and the payload valid. Readers read, the
 * evaluator decides; this file only chooses what to read for whom and assembles the answers.
 */
import {
  diagnoseLines,
  decisionMatrix,
  diagnose,
  DiagnoseError,
  parseAddress,
  prepareSite,
  readAddressRows,
  SECTION_LABEL,
  summarize,
  type BulkLine,
  type BulkReport,
  type Snapshot,
} from '../evaluator';
import { callerView, type Caller } from './auth';
import { AppError, ReadError } from './errors';
import { mapLimit, type Http } from './http';
import type { AppState, DiagnoseAnswer, ResolverKey, ResolverKeys } from './keys';
import { readApprovedDomains } from './readers/approvedDomains';
import { fieldLabel, LIMITS, type Payload } from './schemas';
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
  ConflictError,
  confirmSection,
  readAdminApi,
  readRoleMeanings,
  saveAdminApi,
  saveProjectFacts,
  saveRoleMeaning,
  saveSiteSection,
} from './store';

export class Service {
  readonly cache: Cache;
  /** The organization API key and org id this invocation used: scrubbed from what it answers. */
  readonly secrets: { apiKey?: string; orgId?: string } = {};

  constructor(
    readonly http: Http,
    readonly caller: Caller,
    readonly now: () => Date = () => new Date(),
  ) {
    this.cache = new Cache(now);
  }

  private async context(): Promise<ReadContext> {
    const [admin, meanings] = await Promise.all([readAdminApi(), readRoleMeanings()]);
    const ctx: ReadContext = {
      http: this.http,
      cache: this.cache,
      now: this.now(),
      siteUrl: this.caller.siteUrl,
      cacheScope: this.caller.page === 'project' ? `project:${this.caller.projectKey}` : 'site',
      browseUsers: this.caller.browseUsers !== false,
    };
    if (this.caller.page === 'project') ctx.onlyProject = this.caller.projectKey;
    if (admin) {
      ctx.adminApi = { orgId: admin.config.orgId, apiKey: admin.apiKey };
      // Role ids a Jira admin confirmed (Atlassian publishes none for Jira Service Management).
      ctx.roleConfirmations = Object.fromEntries(Object.entries(meanings).map(([id, m]) => [id, m.role]));
      this.secrets.apiKey ??= admin.apiKey;
      this.secrets.orgId ??= admin.config.orgId;
    }
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
    const [base, roleMeanings] = await Promise.all([
      readSiteBase(ctx, this.caller.page === 'project' ? [this.caller.projectKey!] : 'all'),
      this.caller.page === 'admin' ? readRoleMeanings() : undefined,
    ]);
    const state: AppState = {
      caller: callerView(this.caller),
      snapshot: base.snapshot,
      serviceDesks: base.serviceDesks ?? [],
      adminApi: ctx.adminApi ? { keySet: true, orgId: ctx.adminApi.orgId } : { keySet: false },
      stale: base.stale,
      unreadable: base.snapshot.unreadable ?? {},
    };
    if (roleMeanings) state.roleMeanings = roleMeanings;
    return state;
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
      const why = error instanceof Error ? error.message : 'not an email address';
      throw new AppError('invalid-input', `email: ${why}`, 'email');
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
    // Every row stands alone: one that cannot be read (a stray quote, an empty email cell) is an
    // answered line of its own, with its line number, and never stops the run.
    const rows = readAddressRows(payload.text);
    const addressRows = rows.filter((r) => r.error === undefined).length;
    if (addressRows > LIMITS.bulkLines) {
      throw new AppError(
        'invalid-input',
        `${fieldLabel('text')}: holds ${addressRows.toLocaleString('en-US')} addresses; one check takes at most ${LIMITS.bulkLines}. Check the list in parts of ${LIMITS.bulkLines} lines.`,
        'text',
      );
    }
    const requested = this.scopeProject(payload.projectKey);
    const ctx = await this.context();
    const { key, desks } = await this.targetProject(ctx, requested);
    const addresses = rows.map((row) => {
      if (row.error !== undefined) return null;
      try {
        return parseAddress(row.input).email;
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
    const parts = [...groups.values()].map((g) => ({
      indexes: g.indexes,
      lines: evaluate(() =>
        diagnoseLines(
          prepareSite(withSenders(base.snapshot, g.senders, key)),
          g.indexes.map((i) => rows[i]),
          { project: key },
        ),
      ),
    }));
    return mergeReports(rows.length, parts);
  }

  async saveSettings(payload: Payload<'saveSettings'>): Promise<AppState> {
    const by = this.caller.accountId;
    let saved: 'saved' | 'unchanged';
    let what: string;
    try {
      if (payload.section === 'project') {
        const key = this.scopeProject(payload.projectKey)!;
        what = `the settings of ${key}`;
        saved = await saveProjectFacts(key, payload.value, by, this.now(), payload.expectedAt);
      } else {
        if (this.caller.page !== 'admin') {
          throw new AppError(
            'forbidden',
            'Site settings are saved on the Customer Access Doctor admin page.',
          );
        }
        what = SECTION_LABEL[payload.section];
        saved = await saveSiteSection(payload.section, payload.value, by, this.now(), payload.expectedAt);
      }
    } catch (error) {
      throw conflictOrRethrow(error, what!);
    }
    return { ...(await this.appState()), saved };
  }

  async confirmSettings(payload: Payload<'confirmSettings'>): Promise<AppState> {
    const section = payload.section;
    const target =
      typeof section === 'string' ? section : { projectKey: this.scopeProject(section.projectKey)! };
    if (typeof target === 'string' && this.caller.page !== 'admin') {
      throw new AppError(
        'forbidden',
        'Site settings are confirmed on the Customer Access Doctor admin page.',
      );
    }
    const words = typeof target === 'string' ? SECTION_LABEL[target] : `the settings of ${target.projectKey}`;
    let found: boolean;
    try {
      found = await confirmSection(target, this.caller.accountId, this.now());
    } catch (error) {
      throw conflictOrRethrow(error, words);
    }
    if (!found) {
      throw new AppError(
        'not-found',
        `Nothing was entered for ${words}, so there is nothing to confirm.`,
        'section',
      );
    }
    return this.appState();
  }

  async setApiKey(payload: Payload<'setApiKey'>): Promise<AppState> {
    this.requireJiraAdmin('set the organization API key');
    this.secrets.apiKey = payload.apiKey;
    this.secrets.orgId = payload.orgId;
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
    // One secret holds the key and its org id: either both are the new ones, or both the old ones.
    await saveAdminApi(payload.orgId, payload.apiKey, this.caller.accountId, this.now());
    await this.dropCache();
    return this.appState();
  }

  async clearApiKey(): Promise<AppState> {
    this.requireJiraAdmin('clear the organization API key');
    // A failure here is answered as a failure: the page then still shows the key as set.
    await clearAdminApi();
    await this.dropCache();
    return this.appState();
  }

  async saveRoleMeaning(payload: Payload<'saveRoleMeaning'>): Promise<AppState> {
    if (this.caller.page !== 'admin') {
      throw new AppError('forbidden', 'What an approved-domain role means is confirmed on the admin page.');
    }
    const saved = await saveRoleMeaning(payload.rawId, payload.role, this.caller.accountId, this.now());
    await this.dropCache();
    return { ...(await this.appState()), saved };
  }

  /** After the key changes, cached reads made with the old one go; losing that only costs a re-read. */
  private async dropCache(): Promise<void> {
    try {
      await this.cache.clear();
    } catch (error) {
      console.warn(`cache clear failed: ${error instanceof Error ? error.name : 'error'}`);
    }
  }

  async refresh(): Promise<AppState> {
    await this.cache.clear();
    return this.appState();
  }
}

/** A save that lost to another one: a conflict naming who saved and when; other errors go on. */
function conflictOrRethrow(error: unknown, what: string): unknown {
  if (!(error instanceof ConflictError)) return error;
  const current = error.current;
  const since = current
    ? `saved ${what} at ${current.at} after this page read them`
    : `cleared ${what} after this page read them`;
  return new AppError(
    'conflict',
    `Someone else ${since}, so your change was not saved. The page now shows what is entered; make your change again if it is still needed.`,
  );
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

/** One report from the per-group answers: lines back in input order, summarised once (summary.ts). */
export function mergeReports(total: number, parts: { indexes: number[]; lines: BulkLine[] }[]): BulkReport {
  const lines = new Array<BulkLine>(total);
  for (const part of parts) part.lines.forEach((line, i) => (lines[part.indexes[i]] = line));
  return { lines, ...summarize(lines) };
}

// --- What a caller may see: the one place every answer passes through ------------------------------

/** What a project page may see of each key's answer (contract.md §3): a new key is a compile error here. */
const PROJECT_VIEW: {
  [K in ResolverKey]: (data: ResolverKeys[K]['data'], own: string) => ResolverKeys[K]['data'];
} = {
  getAppState: appStateView,
  refresh: appStateView,
  saveSettings: appStateView,
  confirmSettings: appStateView,
  setApiKey: appStateView,
  clearApiKey: appStateView,
  saveRoleMeaning: appStateView,
  getSnapshot: (snapshot, own) => projectSnapshot(snapshot, own, []),
  diagnose: (d, own) => (d.snapshot ? { ...d, snapshot: projectSnapshot(d.snapshot, own, [d.email]) } : d),
  // The lines answer for the addresses the page sent; they carry no snapshot.
  diagnoseBulk: (report) => report,
};

/**
 * The answer as this caller may see it (contract.md §3). A project page gets only its own project's
 * facts and the facts about the senders it checks: of Approved domains only the senders' own rows
 * and "Any domain", no directory account ids, no organization id, no other project. For every
 * caller, the organization API key (and on a project page the org id) is scrubbed from every string,
 * whatever an Atlassian API sent back.
 */
export function visibleTo<K extends ResolverKey>(
  caller: Pick<Caller, 'page' | 'projectKey'>,
  key: K,
  data: ResolverKeys[K]['data'],
  secrets: { apiKey?: string; orgId?: string },
): ResolverKeys[K]['data'] {
  const own = caller.page === 'project' ? caller.projectKey : undefined;
  return scrubbed(caller, own ? PROJECT_VIEW[key](data, own) : data, secrets);
}

/** A value with the organization API key (and on a project page the org id) scrubbed from every string. */
export function scrubbed<T>(
  caller: Pick<Caller, 'page'>,
  value: T,
  secrets: { apiKey?: string; orgId?: string },
): T {
  const words: [string, string][] = [];
  if (secrets.apiKey) words.push([secrets.apiKey, '[the organization API key]']);
  if (caller.page === 'project' && secrets.orgId) words.push([secrets.orgId, 'the organization']);
  return words.length ? scrubDeep(value, words) : value;
}

function appStateView(state: AppState, own: string): AppState {
  return {
    ...state,
    snapshot: projectSnapshot(state.snapshot, own, []),
    serviceDesks: state.serviceDesks.filter((d) => d.projectKey === own),
    adminApi: { keySet: state.adminApi.keySet },
    stale: state.stale.filter((s) => !s.startsWith('projects.') || s.split('.')[1] === own),
    unreadable:
      projectSnapshot({ ...state.snapshot, unreadable: state.unreadable }, own, []).unreadable ?? {},
    roleMeanings: undefined,
  };
}

const ownSection = (section: string, own: string) =>
  !section.startsWith('projects.') || section.split('.')[1] === own;

function onlyOwn<V>(record: Record<string, V> | undefined, own: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([s]) => ownSection(s, own)));
}

/** The snapshot a project page may see: its project, its senders, their domains' rows and Any domain. */
export function projectSnapshot(snapshot: Snapshot, own: string, senders: string[]): Snapshot {
  const out: Snapshot = { ...snapshot };
  const domains = new Set(senders.map((e) => e.slice(e.lastIndexOf('@') + 1).toLowerCase()));
  if (snapshot.approvedDomains) {
    const ad = snapshot.approvedDomains;
    const keep = <V>(r: Record<string, V>) =>
      Object.fromEntries(Object.entries(r).filter(([d]) => domains.has(d.toLowerCase())));
    const next: typeof ad = { ...ad };
    if (ad.domains) next.domains = keep(ad.domains);
    if (ad.unrecognised) {
      next.unrecognised = Object.fromEntries(
        Object.entries(ad.unrecognised).filter(([d]) => d === 'ANYONE' || domains.has(d.toLowerCase())),
      );
    }
    out.approvedDomains = next;
  }
  if (snapshot.accounts) {
    out.accounts = Object.fromEntries(
      Object.entries(snapshot.accounts)
        .filter(([email]) => senders.some((s) => s.toLowerCase() === email.toLowerCase()))
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        .map(([email, { accountId, ...facts }]) => [email, facts]),
    );
  }
  if (snapshot.projects) {
    const mine = snapshot.projects[own];
    out.projects = mine ? { [own]: mine } : {};
  }
  const mine = <V>(r: Record<string, V>) =>
    Object.fromEntries(Object.entries(onlyOwn(r, own)).filter(([k]) => aboutSenders(k, domains, senders)));
  if (snapshot.sources) out.sources = mine(snapshot.sources);
  if (snapshot.unreadable) out.unreadable = mine(snapshot.unreadable);
  return out;
}

/** A per-row key ("approvedDomains.acme.com", "accounts.x@y.com") about one of these senders, or a section key. */
function aboutSenders(key: string, domains: Set<string>, senders: string[]): boolean {
  const dot = key.indexOf('.');
  if (dot < 0) return true;
  const [section, rest] = [key.slice(0, dot), key.slice(dot + 1).toLowerCase()];
  if (section === 'approvedDomains') return rest === 'anyone' || domains.has(rest);
  if (section === 'accounts' && rest.includes('@')) return senders.some((s) => s.toLowerCase() === rest);
  return true;
}

/**
 * Every string in `value` with each secret replaced (JSON-escaped and URL-encoded forms too). The
 * shape is kept: strings stay strings, arrays arrays, objects objects with the same values' shapes
 * (a key holding a secret is renamed, which a record's type allows).
 */
export function scrubDeep<T>(value: T, words: [string, string][]): T {
  // Sound: the copy has T's shape (above); TypeScript cannot follow a walk over an unknown value.
  return scrubAny(value, words) as T;
}

function scrubAny(value: unknown, words: [string, string][]): unknown {
  if (typeof value === 'string') return scrubText(value, words);
  if (Array.isArray(value)) return value.map((v) => scrubAny(v, words));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [scrubText(k, words), scrubAny(v, words)]),
    );
  }
  return value;
}

function scrubText(text: string, words: [string, string][]): string {
  let out = text;
  for (const [secret, instead] of words) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
      out = out.split(form).join(instead);
    }
  }
  return out;
}

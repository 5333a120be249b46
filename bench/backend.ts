/**
 * `npm run bench:backend`: the resolver against a fake Atlassian site whose every call takes 150 ms.
 * Runs the real handler (src/index.ts) with the real @forge/api and @forge/kvs (storage in memory) and
 * prints, for a diagnosis and for the admin page's first load, the REST calls made, how many round
 * trips deep they were, and the wall time — with a cold cache and a warm one; then, for a site with
 * 1,000 approved-domain rows and the organization key, the Admin API calls and their round-trip depth
 * of a cold and a warm diagnosis. Prints figures; asserts nothing.
 */
import {
  createFakeStorage,
  FAKE_JIRA_ADMIN,
  installForgeFetch,
  invokeHandler,
  startFakeAtlassian,
  type FakeAtlassian,
  type FakeStorage,
} from '../dev/fake-atlassian';
import { JSM_ROLE_ID } from '../dev/fake-atlassian/seed';
import { handler } from '../src/index';
import { sampleSnapshot, type Snapshot } from '../src/evaluator';

const LATENCY_MS = 150;
const context = {
  cloudId: 'bench',
  siteUrl: 'https://acme-support.atlassian.net',
  moduleKey: 'customer-access-doctor-admin',
  extension: { type: 'jira:adminPage' },
};

async function invoke(functionKey: string, payload: unknown): Promise<{ ok: boolean; error?: unknown }> {
  const answer = (await invokeHandler(handler as never, {
    functionKey,
    payload,
    context,
    accountId: FAKE_JIRA_ADMIN,
  })) as {
    ok: boolean;
    error?: unknown;
  };
  if (!answer.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(answer.error)}`);
  return answer;
}

/** Round trips: calls whose start times are within half a latency of each other form one. */
function roundTrips(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let trips = 0;
  let last = -Infinity;
  for (const t of sorted) {
    if (t - last > LATENCY_MS / 2) trips++;
    last = t;
  }
  return trips;
}

function clearCache(storage: FakeStorage): void {
  for (const key of [...storage.values.keys()]) if (key.startsWith('cache:')) storage.values.delete(key);
}

interface Row {
  what: string;
  cache: 'cold' | 'warm';
  calls: number;
  trips: number;
  /** Calls to the organization Admin API, and how many round trips deep they were. */
  adminCalls: number;
  adminTrips: number;
  ms: number;
  paths: string;
}

async function measure(
  fake: FakeAtlassian,
  what: string,
  cache: Row['cache'],
  key: string,
  payload: unknown,
): Promise<Row> {
  fake.calls.length = 0;
  const started = performance.now();
  await invoke(key, payload);
  const ms = Math.round(performance.now() - started);
  const counts = new Map<string, number>();
  for (const c of fake.calls) {
    const name = c.path
      .replace(/servicedesk\/\d+\//, 'servicedesk/{id}/')
      .replace(/project\/[A-Z]+\//, 'project/{key}/')
      .replace(/domains\/[^/]+$/, 'domains/{domain}');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const first = fake.calls[0]?.at ?? 0;
  const admin = fake.calls.filter((c) => c.path.startsWith('/admin/'));
  return {
    what,
    cache,
    calls: fake.calls.length,
    trips: roundTrips(fake.calls.map((c) => c.at)),
    adminCalls: admin.length,
    // Depth counted from the invocation's first call (the permission check is round trip 0).
    adminTrips: admin.length ? Math.max(...admin.map((c) => Math.round((c.at - first) / LATENCY_MS))) : 0,
    ms,
    paths: [...counts].map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)).join(', '),
  };
}

/** The sample site with `rows` more approved-domain rows. */
function withDomainRows(rows: number): Snapshot {
  const domains = { ...sampleSnapshot.approvedDomains!.domains };
  for (let i = 0; i < rows; i++) domains[`d${i}.example`] = i % 2 ? 'customer' : 'none';
  return { ...sampleSnapshot, approvedDomains: { ...sampleSnapshot.approvedDomains, domains } };
}

/** The key, and what the fake's Jira Service Management role ids mean (an admin confirms them once). */
async function setKeyAndConfirmRoles(fake: FakeAtlassian): Promise<void> {
  await invoke('setApiKey', { orgId: fake.orgId, apiKey: fake.apiKey });
  for (const [role, rawId] of Object.entries(JSM_ROLE_ID)) await invoke('saveRoleMeaning', { rawId, role });
}

async function scenario(withApiKey: boolean): Promise<Row[]> {
  const fake = await startFakeAtlassian({ snapshot: sampleSnapshot, latencyMs: 0 });
  const storage = createFakeStorage();
  const uninstall = installForgeFetch(fake.url, { storage });
  try {
    if (withApiKey) await setKeyAndConfirmRoles(fake);
    await invoke('saveSettings', { section: 'customerAccess', value: sampleSnapshot.customerAccess });
    clearCache(storage);
    fake.setLatency(LATENCY_MS);
    const label = withApiKey ? ' (org API key)' : '';
    const rows: Row[] = [];
    rows.push(
      await measure(fake, `diagnose${label}`, 'cold', 'diagnose', {
        email: 'jane@acme.com',
        projectKey: 'HELP',
      }),
    );
    rows.push(
      await measure(fake, `diagnose${label}`, 'warm', 'diagnose', {
        email: 'pat@partner.com',
        projectKey: 'HELP',
      }),
    );
    clearCache(storage);
    rows.push(await measure(fake, `getAppState${label}`, 'cold', 'getAppState', {}));
    rows.push(await measure(fake, `getAppState${label}`, 'warm', 'getAppState', {}));
    return rows;
  } finally {
    uninstall();
    await fake.close();
  }
}

/** 1,000 approved-domain rows and the key: a cold and a warm diagnosis (another sender, same domain). */
async function manyDomains(): Promise<Row[]> {
  const fake = await startFakeAtlassian({ snapshot: withDomainRows(1000), latencyMs: 0 });
  const storage = createFakeStorage();
  const uninstall = installForgeFetch(fake.url, { storage });
  try {
    await setKeyAndConfirmRoles(fake);
    await invoke('saveSettings', { section: 'customerAccess', value: sampleSnapshot.customerAccess });
    clearCache(storage);
    fake.setLatency(LATENCY_MS);
    const label = ' (1,000 domain rows, org API key)';
    return [
      await measure(fake, `diagnose${label}`, 'cold', 'diagnose', {
        email: 'ann@d999.example',
        projectKey: 'HELP',
      }),
      await measure(fake, `diagnose${label}`, 'warm', 'diagnose', {
        email: 'bo@d999.example',
        projectKey: 'HELP',
      }),
      await measure(fake, `diagnose${label}, another domain`, 'warm', 'diagnose', {
        email: 'cy@d17.example',
        projectKey: 'HELP',
      }),
    ];
  } finally {
    uninstall();
    await fake.close();
  }
}

async function main(): Promise<void> {
  const rows = [...(await scenario(false)), ...(await scenario(true)), ...(await manyDomains())];
  console.log(
    `Resolver against a fake site, ${LATENCY_MS} ms per REST call (sample site: 2 service projects)\n`,
  );
  const header = [
    'what',
    'cache',
    'REST calls',
    'round trips',
    'Admin API calls',
    'Admin API depth',
    'wall ms',
  ];
  const table = rows.map((r) => [
    r.what,
    r.cache,
    String(r.calls),
    String(r.trips),
    String(r.adminCalls),
    String(r.adminTrips),
    String(r.ms),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(header));
  for (const t of table) console.log(line(t));
  console.log(
    '\nAdmin API depth: round trips after the permission check before the last Admin API call started.',
  );
  console.log('\nCalls (round trips include the permission check, GET /rest/api/3/mypermissions):');
  for (const r of rows) console.log(`- ${r.what}, ${r.cache}: ${r.paths}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

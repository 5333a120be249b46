/**
 * The app's real pages in the preview: the real UI Kit code and @forge/react reconciler in the app
 * frame, the real resolver behind invoke, the fake Atlassian API seeded from the embedded sample site.
 * Each test starts from empty storage (nothing entered yet), as after a fresh install.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT, type BrowserTest, type TestContext } from './harness';
import { JSM_ROLE_ID } from '../../dev/fake-atlassian/seed';

const REFUSED_LOG = "You don't have permission to access this service project.";

const app = (page: Page): Locator => page.getByTestId('app-root');

/** Waits until an invoke started by `action` has been answered and its result drawn. */
async function invoking(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => window.__forgePreview.invokes.length);
  await action();
  await page.waitForFunction(
    (n) => window.__forgePreview.invokes.length > n && window.__forgePreview.pendingInvokes === 0,
    before,
    { timeout: 20_000 },
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

async function chooseOption(page: Page, label: string, option: RegExp): Promise<void> {
  await app(page).getByLabel(label).click();
  await page.getByRole('option', { name: option }).click();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * "Check a sender": type the address, choose the project where the page offers a choice, check, and
 * wait for the answer's heading ("pat@partner.com writing to IT Help desk (HELP)").
 */
async function checkSender(page: Page, email: string, project: string, choose: boolean): Promise<void> {
  await app(page).getByLabel("Sender's email address").fill(email);
  if (choose) await chooseOption(page, 'Service project the email is sent to', new RegExp(escape(project)));
  await invoking(page, () => app(page).getByRole('button', { name: 'Check sender' }).click());
  await app(page)
    .getByRole('heading', { name: new RegExp(`^${escape(email)} writing to .*${escape(project)}`) })
    .waitFor();
}

/** The verdict line of the answer shown: "Verdict: Accepted …". */
async function expectVerdict(page: Page, verdict: 'Accepted' | 'Rejected' | 'Unknown'): Promise<void> {
  await app(page)
    .locator('div', {
      has: page.getByText('Verdict:', { exact: true }),
      hasText: new RegExp(`Verdict:\\s*${verdict}`),
    })
    .last()
    .waitFor();
}

async function expectLog(page: Page, log: string): Promise<void> {
  await app(page).getByText(log, { exact: true }).first().waitFor();
}

/** Arranges facts a Jira admin entered, through the real resolver (as the admin page saves them). */
async function asJiraAdmin(t: TestContext, functionKey: string, payload: unknown): Promise<void> {
  const response = await fetch(`${t.baseUrl}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload, session: { page: 'admin', role: 'jira-admin' } }),
  });
  const body = (await response.json()) as { result?: { ok?: boolean; error?: unknown } };
  if (!body.result?.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(body)}`);
}

/** The email channel's lists, as a Jira admin enters them: until then no sender can be Accepted. */
function enterEmailChannel(t: TestContext): Promise<void> {
  return asJiraAdmin(t, 'saveSettings', {
    section: 'emailChannel',
    value: { allowlist: ['partner.com'], blocklist: ['spam.example'] },
  });
}

export const pageTests: BrowserTest[] = [
  {
    name: 'admin page (Jira admin): a refused sender and an accepted one',
    server: 'app',
    async run(t) {
      await enterEmailChannel(t);
      const { page } = t;
      await t.open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('heading', { name: 'Customer Access Doctor' }).waitFor();
      await app(page).getByRole('tab', { name: 'Check a sender' }).waitFor();

      await checkSender(page, 'pat@partner.com', 'IT Help desk (HELP)', true);
      await expectVerdict(page, 'Accepted');
      await app(page)
        .getByText(/^Nothing is rejected: the email becomes a request/)
        .waitFor();

      await checkSender(page, 'lee@partner.com', 'IT Help desk (HELP)', true);
      await expectVerdict(page, 'Rejected');
      await expectLog(page, REFUSED_LOG);
      await t.shot('admin-page-refused-sender', { readme: 'admin-page', readmeHeight: 1500 });
    },
  },
  {
    name: 'admin page: entering a setting changes the verdict, and it persists while the server runs',
    server: 'app',
    async run(t) {
      await enterEmailChannel(t);
      const { page } = t;
      await t.open({ page: 'admin', role: 'jira-admin' });
      await checkSender(page, 'pat@partner.com', 'Executive support (VIP)', true);
      await expectVerdict(page, 'Unknown');

      await app(page).getByRole('tab', { name: 'Site settings' }).click();
      const restricted = app(page)
        .getByRole('radio', { name: /^Restricted/ })
        .nth(1);
      // A controlled radio (the form starts at "Not entered"): the choice comes back through the app frame.
      await restricted.click({ force: true });
      for (let i = 0; i < 50 && !(await restricted.isChecked()); i++) await page.waitForTimeout(100);
      await invoking(page, () => app(page).getByRole('button', { name: 'Save VIP settings' }).click());
      await t.shot('admin-page-site-settings-saved');

      await app(page).getByRole('tab', { name: 'Check a sender' }).click();
      await invoking(page, () => app(page).getByRole('button', { name: 'Check sender' }).click());
      await expectVerdict(page, 'Rejected');
      await expectLog(page, REFUSED_LOG);

      // A new page load reads the saved setting back from storage.
      await t.open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('tab', { name: 'Site settings' }).click();
      await app(page)
        .getByRole('row', { name: /Executive support \(VIP\): Customer permissions\s+Restricted/ })
        .waitFor();

      // The toolbar's "Forget saved settings" empties the storage and reloads the app.
      const loads = await page.evaluate(() => window.__forgePreview.loads);
      await page.getByTestId('preview-reset').click();
      await page.waitForFunction((n) => window.__forgePreview.loads > n, loads);
      await t.settle();
      await app(page).getByRole('tab', { name: 'Site settings' }).click();
      await app(page)
        .getByRole('row', { name: /Executive support \(VIP\): Customer permissions\s+Unknown/ })
        .waitFor();
    },
  },
  {
    name: 'admin page: the bulk check sorts many senders by verdict',
    server: 'app',
    async run(t) {
      await enterEmailChannel(t);
      const { page } = t;
      await t.open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('tab', { name: 'Check many' }).click();
      await app(page)
        .getByLabel('Addresses or an email log export')
        .fill('pat@partner.com\nlee@partner.com\nnot an address\nsam@acme.com');
      await chooseOption(page, 'Service project the emails were sent to', /IT Help desk/);
      await invoking(page, () => app(page).getByRole('button', { name: 'Check all' }).click());
      await app(page)
        .getByText(/4 lines checked/)
        .waitFor();
      const table = app(page).getByRole('table');
      await table.getByRole('row', { name: /Accepted.*pat@partner\.com/ }).waitFor();
      await table.getByRole('row', { name: /Rejected.*lee@partner\.com/ }).waitFor();
      await app(page)
        .getByText(/not an address/)
        .first()
        .waitFor();
      await t.shot('admin-page-bulk-check');
    },
  },
  {
    name: 'admin page: a project admin is refused with a clear message',
    server: 'app',
    async run(t) {
      const { page } = t;
      await t.open({ page: 'admin', role: 'project-admin' });
      await app(page).getByText("You don't have permission to use this page").waitFor();
      await app(page)
        .getByText(/Administer Jira/)
        .first()
        .waitFor();
    },
  },
  {
    name: 'project page HELP (project admin): a refused sender and an accepted one',
    server: 'app',
    async run(t) {
      await enterEmailChannel(t);
      const { page } = t;
      await t.open({ page: 'project', projectKey: 'HELP', role: 'project-admin' });
      await app(page).getByLabel("Sender's email address").waitFor();
      if ((await app(page).getByLabel('Service project the email is sent to').count()) > 0) {
        throw new Error('the project page offers a choice of project');
      }
      await checkSender(page, 'lee@partner.com', 'IT Help desk (HELP)', false);
      await expectVerdict(page, 'Rejected');
      await expectLog(page, REFUSED_LOG);

      await checkSender(page, 'pat@partner.com', 'IT Help desk (HELP)', false);
      await expectVerdict(page, 'Accepted');
      await t.shot('project-page-help-accepted', { readme: 'project-page', readmeHeight: 1000 });
    },
  },
  {
    name: 'project page VIP (project admin): after a Jira admin entered settings, refused and accepted',
    server: 'app',
    async run(t) {
      await enterEmailChannel(t);
      const { page } = t;
      const config = (await (await fetch(`${t.baseUrl}/api/preview-config`)).json()) as {
        adminApi: { orgId: string; apiKey: string };
      };
      await asJiraAdmin(t, 'saveSettings', {
        section: 'project',
        projectKey: 'VIP',
        value: { access: 'restricted' },
      });
      await asJiraAdmin(t, 'setApiKey', config.adminApi);
      // What the fake's Jira Service Management role ids mean, as a Jira admin confirms them once.
      for (const [role, rawId] of Object.entries(JSM_ROLE_ID)) {
        await asJiraAdmin(t, 'saveRoleMeaning', { rawId, role });
      }

      await t.open({ page: 'project', projectKey: 'VIP', role: 'project-admin' });
      await checkSender(page, 'pat@partner.com', 'Executive support (VIP)', false);
      await expectVerdict(page, 'Rejected');
      await expectLog(page, REFUSED_LOG);

      await checkSender(page, 'jane@acme.com', 'Executive support (VIP)', false);
      await expectVerdict(page, 'Accepted');
      await t.shot('project-page-vip-accepted');
    },
  },
  {
    name: 'admin page: when the Atlassian API is down the page says so, and "Try again" recovers',
    server: 'app',
    async run(t) {
      const { page } = t;
      await t.open({ page: 'admin', role: 'jira-admin' });
      await page.getByTestId('preview-atlassian-down').click();
      await page.locator('[data-testid="preview-atlassian"][data-mode="down"]').waitFor();
      await t.open({ page: 'admin', role: 'jira-admin' });
      const retry = app(page).getByRole('button', { name: 'Try again' });
      await retry.waitFor();
      await t.shot('admin-page-atlassian-down');
      await page.getByTestId('preview-atlassian-up').click();
      await page.locator('[data-testid="preview-atlassian"][data-mode="up"]').waitFor();
      await invoking(page, () => retry.click());
      await app(page).getByRole('tab', { name: 'Check a sender' }).waitFor();
    },
  },
  {
    name: 'toolbar: switching page and viewer reloads the app in the new context',
    server: 'app',
    async run(t) {
      const { page } = t;
      await t.open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('tab', { name: 'Site settings' }).waitFor();
      await page.getByTestId('preview-page-VIP').click();
      await t.settle();
      await page.getByTestId('preview-role-project-admin').click();
      await t.settle();
      if (!page.url().includes('page=project') || !page.url().includes('role=project-admin')) {
        throw new Error(`the address does not follow the toolbar: ${page.url()}`);
      }
      await checkSender(page, 'lee@partner.com', 'Executive support (VIP)', false);
      await expectVerdict(page, 'Rejected');
      await page.getByTestId('preview-page-admin').click();
      await t.settle();
      await app(page).getByText("You don't have permission to use this page").waitFor();
    },
  },
];

/** `npm start` itself: a separate process that prints its address and serves the pages. */
export const startTests: BrowserTest[] = [
  {
    name: 'npm start: prints its address (PORT) and serves the admin page',
    server: 'app',
    async run({ page }) {
      const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'dev/preview/server.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          const timer = setTimeout(() => reject(new Error(`no address printed in 60 s:\n${out}`)), 60_000);
          const read = (chunk: Buffer) => {
            out += chunk.toString();
            const found = /preview \(the app\): (http:\/\/localhost:\d+)/.exec(out);
            if (found) {
              clearTimeout(timer);
              resolve(found[1]);
            }
          };
          child.stdout.on('data', read);
          child.stderr.on('data', read);
          child.once('exit', (code) => reject(new Error(`npm start exited (${String(code)}):\n${out}`)));
        });
        await page.goto(`${url}/?page=admin&role=jira-admin`);
        await page.waitForFunction(() =>
          window.__forgePreview?.invokes.some((i) => i.functionKey === 'getAppState'),
        );
        await app(page).getByRole('tab', { name: 'Check a sender' }).waitFor();
      } finally {
        child.kill('SIGTERM');
      }
    },
  },
];

/** The UI Kit components src/frontend imports from @forge/react (capitalised names; not types). */
function componentsImportedByPages(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const code = fs.readFileSync(file, 'utf8');
        for (const match of code.matchAll(
          /import\s+(?:type\s+)?(?:\w+\s*,\s*)?\{([^}]*)\}\s*from\s*'@forge\/react'/g,
        )) {
          if (/^import\s+type\b/.test(match[0])) continue;
          for (const part of match[1].split(',')) {
            const name = part
              .trim()
              .split(/\s+as\s+/)[0]
              .trim();
            if (/^[A-Z]/.test(name) && !name.startsWith('type ')) names.add(name);
          }
        }
      }
    }
  };
  walk(path.join(ROOT, 'src/frontend'));
  return [...names].sort();
}

export const coverageTests: BrowserTest[] = [
  {
    name: 'admin page: every tab draws, and every UI Kit component the pages import is mapped',
    server: 'app',
    async run(t) {
      const { page } = t;
      await t.open({ page: 'admin', role: 'jira-admin' });
      const mapped = await page.evaluate(() => window.__forgePreview.mappedTypes);
      const imported = componentsImportedByPages();
      if (imported.length === 0) throw new Error('found no @forge/react import in src/frontend');
      const missing = imported.filter((name) => !mapped.includes(name));
      if (missing.length > 0)
        throw new Error(`imported by src/frontend but not mapped: ${missing.join(', ')}`);

      const tabs = app(page).getByRole('tab');
      await tabs.first().waitFor();
      const count = await tabs.count();
      if (count < 2) throw new Error(`expected the admin page's tabs, found ${count}`);
      for (let i = 0; i < count; i += 1) {
        const name = (await tabs.nth(i).innerText()).trim();
        await tabs.nth(i).click();
        await app(page).getByRole('tabpanel').first().waitFor();
        await t.shot(`admin-page-tab-${name}`);
      }
    },
  },
];

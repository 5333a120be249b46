/**
 * The answer an admin reads first (issue 10), in a real browser on both pages and both viewers: the
 * verdict with the email-log line, the cause, the one fix and who makes it above the fold of a
 * 1366×768 screen; the project admin's own fixes first and a note to copy for the rest; a pasted raw
 * email; every error state; and an accessibility scan (axe-core) with no serious or critical violation.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { JSM_ROLE_ID } from '../../dev/fake-atlassian/seed';
import { sampleSnapshot } from '../../src/evaluator/sample';
import { ROOT, type BrowserTest, type TestContext } from './harness';
import {
  REFUSED_LOG,
  app,
  asJiraAdmin,
  checkSender,
  chooseOption,
  expectLog,
  expectVerdict,
  invoking,
} from './pages.browser';

const DOMAIN_LOG = "Email doesn't belong to domains allowed in customer access settings";
const SCREEN = { width: 1366, height: 768 };

/** The sample site's facts entered by a Jira admin, and the organization API key set (as `npm start` offers). */
async function enterSampleSite(t: TestContext): Promise<{ orgId: string }> {
  const config = (await (await fetch(`${t.baseUrl}/api/preview-config`)).json()) as {
    adminApi: { orgId: string; apiKey: string };
  };
  await asJiraAdmin(t, 'saveSettings', { section: 'customerAccess', value: sampleSnapshot.customerAccess });
  await asJiraAdmin(t, 'saveSettings', { section: 'emailChannel', value: sampleSnapshot.emailChannel });
  for (const key of ['HELP', 'VIP'] as const) {
    await asJiraAdmin(t, 'saveSettings', {
      section: 'project',
      projectKey: key,
      value: { access: sampleSnapshot.projects![key].access, customerInvitedNotification: true },
    });
  }
  await asJiraAdmin(t, 'setApiKey', config.adminApi);
  // What the fake's Jira Service Management role ids mean, as a Jira admin confirms them once.
  for (const [role, rawId] of Object.entries(JSM_ROLE_ID)) {
    await asJiraAdmin(t, 'saveRoleMeaning', { rawId, role });
  }
  return { orgId: config.adminApi.orgId };
}

/** Runs axe-core on the app and fails on any serious or critical violation. */
async function accessibilityScan(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(document.querySelector('[data-testid="app-root"]'), {
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length)
    process.stdout.write(
      `    axe (${where}), not failing: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}\n`,
    );
  if (bad.length)
    throw new Error(
      `accessibility (${where}): ${bad
        .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(' ')}`)
        .join('\n  ')}`,
    );
}

/** The bottom (px from the top of the page) of the first element of the app with this exact text or pattern. */
async function bottomOf(page: Page, text: string | RegExp): Promise<number> {
  const box = await app(page)
    .getByText(text, { exact: typeof text === 'string' })
    .first()
    .boundingBox();
  if (!box) throw new Error(`not drawn: ${String(text)}`);
  return Math.round(box.y + box.height);
}

async function pasteInto(page: Page, label: string, text: string): Promise<void> {
  await app(page).getByLabel(label).fill(text);
}

export const answerTests: BrowserTest[] = [
  {
    name: 'answer (Jira admin, 1366×768): bob@contractor.io on HELP — log line, cause, the fix and who makes it, without scrolling',
    server: 'app',
    async run(t) {
      const { page } = t;
      await page.setViewportSize(SCREEN);
      const { orgId } = await enterSampleSite(t);
      await t.open({ page: 'admin', role: 'jira-admin' });
      await checkSender(page, 'bob@contractor.io', 'IT Help desk (HELP)', true);
      await expectVerdict(page, 'Rejected');
      await expectLog(page, DOMAIN_LOG);
      await page.evaluate(() => window.scrollTo(0, 0));
      const fold = {
        log: await bottomOf(page, `"${DOMAIN_LOG}"`),
        cause: await bottomOf(page, /not on the portal-only \(External\) domain list/),
        fix: await bottomOf(page, /^Add contractor\.io to External's list/),
        who: await bottomOf(
          page,
          /^Who can make it: a Jira admin\. Lets in: anyone with an @contractor\.io address/,
        ),
      };
      const answer = await page.evaluate(() => {
        const heading = Array.from(document.querySelectorAll('[data-testid="app-root"] h3')).find((h) =>
          / writing to /.test(h.textContent ?? ''),
        );
        const stack = heading?.parentElement?.parentElement;
        const top = heading?.getBoundingClientRect().top ?? 0;
        return {
          top: Math.round(top + window.scrollY),
          height: Math.round(stack?.getBoundingClientRect().height ?? 0),
          page: document.documentElement.scrollHeight,
        };
      });
      process.stdout.write(
        `    measured at 1366×768: answer starts at ${answer.top} px, is ${answer.height} px tall (page ${answer.page} px); log line ends at ${fold.log}, cause at ${fold.cause}, fix at ${fold.fix}, who at ${fold.who}\n`,
      );
      for (const [what, bottom] of Object.entries(fold)) {
        if (bottom > SCREEN.height)
          throw new Error(`the ${what} ends at ${bottom} px, below the fold of a ${SCREEN.height} px screen`);
      }
      // The link goes to the exact settings page.
      const link = app(page).getByRole('link', { name: 'Open the settings page' }).first();
      const href = await link.getAttribute('href');
      if (href !== 'https://acme-support.atlassian.net/jira/settings/products/servicedesk/customer-access')
        throw new Error(`the fix's link is ${href}`);
      await t.shot('answer-admin-bob', { readme: 'admin-page', readmeHeight: SCREEN.height });
      await accessibilityScan(page, 'admin page, answer collapsed');

      // Opened: the other fixes (Risky exactly when risky, each with who and whom) and Why.
      await app(page)
        .getByRole('button', { name: /^Show \d+ other fix/ })
        .click();
      await app(page)
        .getByRole('button', { name: /^Show the \d+ checks Jira makes$/ })
        .click();
      await app(page)
        .getByRole('button', { name: /^Show the invite's \d+ checks$/ })
        .click();
      await app(page)
        .getByText(/^Uncheck "Only allow account creation/)
        .waitFor();
      const risky = await app(page).getByText('Risky', { exact: true }).count();
      if (risky !== 1)
        throw new Error(`expected one fix marked Risky (the one that lets in anyone), found ${risky}`);
      const orgLinks = await app(page).locator(`a[href^="https://admin.atlassian.com/o/${orgId}/"]`).count();
      if (orgLinks === 0) throw new Error('no admin.atlassian.com link goes to the organization');
      const text = await app(page).innerText();
      for (const jargon of ['the snapshot', '(OPEN)', 'Not reached', 'Verdict:']) {
        if (text.includes(jargon)) throw new Error(`the answer says "${jargon}"`);
      }
      await t.shot('answer-admin-bob-open');
      await accessibilityScan(page, 'admin page, answer opened');
    },
  },
  {
    name: "answer (project admin): HELP — bob@contractor.io's fixes are a note to copy to the Jira or organization admin",
    server: 'app',
    async run(t) {
      const { page } = t;
      await page.setViewportSize(SCREEN);
      await enterSampleSite(t);
      await t.open({ page: 'project', projectKey: 'HELP', role: 'project-admin' });
      await checkSender(page, 'bob@contractor.io', 'IT Help desk (HELP)', false);
      await expectVerdict(page, 'Rejected');
      await expectLog(page, DOMAIN_LOG);
      const note = app(page).locator('pre').first();
      await note.waitFor();
      const text = await note.innerText();
      for (const part of [
        /^To a Jira admin or an organization admin:/,
        /bob@contractor\.io cannot raise requests by email in IT Help desk \(HELP\)/,
        /Why: The sender's domain is not on the portal-only \(External\) domain list/,
        /Where: Settings > Products > Jira Service Management > Customer access \(https:\/\/acme-support\.atlassian\.net\/jira\/settings\/products\/servicedesk\/customer-access\)/,
        /Who: a Jira admin/,
        /Lets in: anyone with an @contractor\.io address/,
      ]) {
        if (!part.test(text)) throw new Error(`the note lacks ${part}:\n${text}`);
      }
      // Never the organization's id on a project page.
      if (/admin\.atlassian\.com\/o\//.test(await app(page).innerHTML()))
        throw new Error('a project page links to an organization page');
      await t.shot('answer-project-bob-note', { readme: 'project-page', readmeHeight: 1100 });
      await accessibilityScan(page, 'project page, note');
    },
  },
  {
    name: "answer (project admin): VIP — inviting the sender on the Customers page comes first, as the project admin's own fix",
    server: 'app',
    async run(t) {
      const { page } = t;
      await enterSampleSite(t);
      await t.open({ page: 'project', projectKey: 'VIP', role: 'project-admin' });
      await checkSender(page, 'new@partner.com', 'Executive support (VIP)', false);
      await expectVerdict(page, 'Rejected');
      await expectLog(page, REFUSED_LOG);
      await app(page).getByRole('heading', { name: 'The fix you can make' }).waitFor();
      const first = await app(page)
        .getByText(/^Invite new@partner\.com on VIP's Customers page/)
        .first()
        .boundingBox();
      const heading = await app(page).getByRole('heading', { name: 'The fix you can make' }).boundingBox();
      if (!first || !heading || first.y < heading.y)
        throw new Error("the invite is not the project admin's first fix");
      await app(page)
        .getByText(/^Who can make it: an agent of the project\./)
        .first()
        .waitFor();
      await t.shot('answer-project-vip-invite');
    },
  },
  {
    name: 'answer (Jira admin): a pasted raw email gives the sender and the filters; bad input clears the old answer and names the field',
    server: 'app',
    async run(t) {
      const { page } = t;
      await enterSampleSite(t);
      await t.open({ page: 'admin', role: 'jira-admin' });
      await chooseOption(page, 'Service project the email is sent to', /IT Help desk/);
      const raw = [
        'Received: from mx.acme.com by mail.atlassian.net; Sat, 21 Nov 2026 10:00:00 +0000',
        'From: Jane Cooper <jane@acme.com>',
        'To: help@acme-support.atlassian.net',
        'Subject: Out of office',
        'Auto-Submitted: auto-replied',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'I am out of the office until Monday.',
      ].join('\r\n');
      await pasteInto(page, 'The email or its headers (optional)', raw);
      await invoking(page, () => app(page).getByRole('button', { name: 'Check sender' }).click());
      await app(page)
        .getByRole('heading', { name: /^jane@acme\.com writing to IT Help desk/ })
        .waitFor();
      await expectVerdict(page, 'Rejected');
      await app(page)
        .getByText(/as "Auto-reply mail": filtered before Jira looks/)
        .first()
        .waitFor();
      const sent = await page.evaluate(() => window.__forgePreview.invokes.at(-1));
      if (JSON.stringify(sent).includes('Received'))
        throw new Error('headers the filters do not read were sent');

      // An invalid address: the old answer goes, the message names the field by its label.
      await pasteInto(page, 'The email or its headers (optional)', '');
      await app(page).getByLabel("Sender's email address").fill('bob at contractor.io');
      await app(page).getByRole('button', { name: 'Check sender' }).click();
      await app(page)
        .getByText(/^Sender's email address: enter one email address/)
        .waitFor();
      if (
        (await app(page)
          .getByRole('heading', { name: / writing to / })
          .count()) > 0
      )
        throw new Error('the previous answer stayed under the error');
      await accessibilityScan(page, 'admin page, invalid address');

      // An international domain: shown as typed, with its ASCII form beside it.
      await app(page).getByLabel("Sender's email address").fill('user@bücher.de');
      await invoking(page, () => app(page).getByRole('button', { name: 'Check sender' }).click());
      await app(page)
        .getByRole('heading', { name: /^user@bücher\.de \(user@xn--bcher-kva\.de\) writing to / })
        .waitFor();
      await t.shot('answer-admin-raw-email-idn');
    },
  },
  {
    name: 'answer (both viewers): with the Atlassian API down, a check says what still works and Try again recovers',
    server: 'app',
    async run(t) {
      const { page } = t;
      await enterSampleSite(t);
      for (const session of [
        { page: 'admin' as const, role: 'jira-admin' as const },
        { page: 'project' as const, projectKey: 'HELP', role: 'project-admin' as const },
      ]) {
        await page
          .getByTestId('preview-atlassian-up')
          .click()
          .catch(() => undefined);
        await t.open(session);
        await page.getByTestId('preview-atlassian-down').click();
        await page.locator('[data-testid="preview-atlassian"][data-mode="down"]').waitFor();
        await app(page).getByLabel("Sender's email address").fill('sam@acme.com');
        if (session.page === 'admin')
          await chooseOption(page, 'Service project the email is sent to', /IT Help desk/);
        await invoking(page, () => app(page).getByRole('button', { name: 'Check sender' }).click());
        const retry = app(page).getByRole('button', { name: 'Try again' });
        const answered = app(page).getByRole('heading', { name: /^sam@acme\.com writing to / });
        await Promise.race([retry.waitFor(), answered.waitFor()]);
        if (await retry.isVisible()) {
          const text = await app(page).innerText();
          if (!/What still works/.test(text)) throw new Error('the failure does not say what still works');
          if (/everything on the page still works/i.test(text))
            throw new Error('the failure says everything still works');
          await t.shot(`answer-${session.page}-atlassian-down`);
          await page.getByTestId('preview-atlassian-up').click();
          await page.locator('[data-testid="preview-atlassian"][data-mode="up"]').waitFor();
          await invoking(page, () => retry.click());
        } else {
          // Answered from what was read and entered before: the reads that failed are named.
          await app(page)
            .getByText(/could not be read/)
            .first()
            .waitFor();
          await page.getByTestId('preview-atlassian-up').click();
          await page.locator('[data-testid="preview-atlassian"][data-mode="up"]').waitFor();
        }
        await answered.waitFor();
      }
    },
  },
];

/**
 * Check many in the preview: the real page, the real resolver and the fake Atlassian API. An
 * email-log export longer than one batch, with junk lines, is checked batch by batch and summarised
 * by verdict then cause, with the first fix and who makes it; a line that is not an address is
 * listed with its number; the results come as CSV; any address opens in full.
 */
import type { Locator, Page } from 'playwright-core';
import { BULK_BATCH_LINES } from '../../src/evaluator/summary';
import { sampleSnapshot } from '../../src/evaluator/sample';
import type { BrowserTest, TestContext } from './harness';

const app = (page: Page): Locator => page.getByTestId('app-root');

const SENDERS = ['pat@partner.com', 'lee@partner.com', 'jane@acme.com', 'sam@acme.com'];

/** An email-log export with `rows` data rows: known senders, new contractor.io ones, and junk. */
function emailLogExport(rows: number): string {
  const out = ['Date,Email,Subject,Status'];
  for (let i = 0; i < rows; i++) {
    const date = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
    if (i === 1) out.push(`${date},"bob@contractor.io,Help,Rejected`);
    else if (i === 3) out.push(`${date},,Help,Rejected`);
    else if (i === 6) out.push(`${date},kim\u200b@initech.com,Help,Rejected`);
    else if (i === 8) out.push(`${date},BOB@Contractor.IO,Help,Rejected`);
    else if (i % 10 === 0) out.push(`${date},${SENDERS[(i / 10) % SENDERS.length]},Help,Processed`);
    else out.push(`${date},person${i}@contractor.io,"Printer, again",Rejected`);
  }
  return out.join('\n');
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

export const bulkTests: BrowserTest[] = [
  {
    name: 'Check many: an email-log export in batches, grouped with fixes, CSV, and one address in full',
    server: 'app',
    async run(t) {
      const { page } = t;
      // The sample site's settings, as a Jira admin enters them (the rest is read from the fake).
      const config = (await (await fetch(`${t.baseUrl}/api/preview-config`)).json()) as {
        adminApi: { orgId: string; apiKey: string };
      };
      await asJiraAdmin(t, 'saveSettings', {
        section: 'customerAccess',
        value: sampleSnapshot.customerAccess,
      });
      await asJiraAdmin(t, 'saveSettings', { section: 'emailChannel', value: sampleSnapshot.emailChannel });
      await asJiraAdmin(t, 'saveSettings', {
        section: 'project',
        projectKey: 'HELP',
        value: { access: 'open' },
      });
      await asJiraAdmin(t, 'saveSettings', {
        section: 'project',
        projectKey: 'VIP',
        value: { access: 'restricted' },
      });
      await asJiraAdmin(t, 'setApiKey', config.adminApi);
      await t.open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('tab', { name: 'Check many' }).click();
      await app(page)
        .getByText(new RegExp(`checks them ${BULK_BATCH_LINES} at a time`))
        .waitFor();
      await app(page).getByLabel('Addresses or an email log export').fill(emailLogExport(250));
      await app(page).getByLabel('Service project the emails were sent to').click();
      await page.getByRole('option', { name: /IT Help desk/ }).click();
      const before = await page.evaluate(() => window.__forgePreview.invokes.length);
      await app(page).getByRole('button', { name: 'Check all' }).click();
      await app(page)
        .getByText(/^250 lines checked$/)
        .waitFor({ timeout: 60_000 });
      await t.settle();
      const batches = await page.evaluate(
        (n) => window.__forgePreview.invokes.slice(n).filter((i) => i.functionKey === 'diagnoseBulk'),
        before,
      );
      if (batches.length !== 3 || batches.some((b) => !b.ok))
        throw new Error(`expected 3 answered batches, got ${JSON.stringify(batches)}`);

      const table = app(page).getByRole('table');
      await table
        .getByRole('row', {
          name: /Rejected.*Email doesn't belong to domains allowed.*bob@contractor\.io.*A Jira admin/,
        })
        .waitFor();
      await app(page)
        .getByText(/^Line 3: .*quote/)
        .waitFor();
      await app(page)
        .getByText(/^Line 5: .*the "Email" cell is empty/)
        .waitFor();
      await app(page)
        .getByText(/^Line 8: .*U\+200B ZERO WIDTH SPACE/)
        .waitFor();
      const csv = await app(page).getByLabel('The results as CSV').inputValue();
      const rows = csv.trimEnd().split(/\r?\n/);
      if (rows.length !== 251 || !rows[0].startsWith('Line,Input,Address,Verdict'))
        throw new Error(`the CSV has ${rows.length} rows, starting ${rows[0]}`);
      const text = await app(page).innerText();
      if (/text:|email:|diagnoseBulk/.test(text)) throw new Error('a raw field name is shown');
      await t.shot('check-many-export', { readme: 'admin-page-bulk', readmeHeight: 2600 });

      await app(page).getByLabel('Open one address in full').click();
      await page.getByRole('option', { name: /^bob@contractor\.io \(Rejected\)/ }).click();
      await app(page)
        .getByRole('heading', { name: /^bob@contractor\.io writing to .*HELP/ })
        .waitFor({ timeout: 20_000 });
      await t.settle();
      await t.shot('check-many-open-one');
    },
  },
];

/**
 * The renderer on its own demo page (dev/preview/demo): every mapped component draws, and events go
 * back to the app frame and change what it renders.
 */
import type { Page } from 'playwright-core';
import type { BrowserTest } from './harness';

const app = (page: Page) => page.getByTestId('app-root');

export const demoTests: BrowserTest[] = [
  {
    name: 'renderer demo: inputs, select, toggle and buttons round-trip through the app frame',
    server: 'demo',
    async run({ page, open, shot }) {
      await open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('heading', { name: 'Renderer demo' }).waitFor();
      await app(page).getByLabel('Sender address').fill('jane@acme.com');
      await app(page).getByRole('button', { name: 'Check sender' }).click();
      await app(page).getByText('jane@acme.com can email HELP').waitFor();
      await shot('demo-check-accepted');

      // Typing fast into a controlled field: each keystroke makes a round trip through the app frame.
      const field = app(page).getByLabel('Sender address');
      await field.fill('');
      await field.pressSequentially('pat@partner.com', { delay: 0 });
      // When the app has the whole address (its last ForgeDoc says so), the field must still show it.
      await page.waitForFunction(
        (expected) =>
          JSON.stringify(window.__forgePreview.doc ?? {}).includes(`"value":${JSON.stringify(expected)}`) &&
          window.__forgePreview.pendingInvokes === 0,
        'pat@partner.com',
      );
      const typed = await field.inputValue();
      if (typed !== 'pat@partner.com') throw new Error(`fast typing lost characters: "${typed}"`);
      await app(page).getByLabel('External customers').click({ force: true });
      await app(page).getByText('External customers: off').waitFor();
      await app(page).getByRole('button', { name: 'Check sender' }).click();
      await app(page).getByText('Rejected', { exact: true }).waitFor();
      await app(page).getByText("Add the domain to External's list.").waitFor();

      // Select: open the menu and choose VIP; the app's state changes.
      await app(page).getByLabel('Project').click();
      await page.getByRole('option', { name: 'VIP' }).click();
      await app(page).getByLabel('Sender address').fill('jane@acme.com');
      await app(page).getByRole('button', { name: 'Check sender' }).click();
      await app(page).getByText('jane@acme.com can email VIP').waitFor();
    },
  },
  {
    name: 'renderer demo: tabs, text area, dynamic table with lozenges, badge',
    server: 'demo',
    async run({ page, open, shot }) {
      await open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('tab', { name: 'Bulk check' }).click();
      await app(page).getByLabel('Addresses, one per line').fill('jane@acme.com\nb@ext.io\npat@partner.com');
      await app(page).getByRole('button', { name: 'Run bulk check' }).click();
      const table = app(page).getByRole('table');
      await table.getByRole('row', { name: /b@ext\.io\s+rejected/ }).waitFor();
      await table.getByRole('row', { name: /jane@acme\.com\s+accepted/ }).waitFor();
      await app(page).getByText('3', { exact: true }).waitFor();
      await shot('demo-bulk');
    },
  },
  {
    name: 'renderer demo: a UI Kit form (useForm) validates, submits radio, checkbox and text values',
    server: 'demo',
    async run({ page, open, shot }) {
      await open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByRole('tab', { name: 'Settings' }).click();
      const domains = app(page).getByLabel('External domains');
      await domains.fill('');
      await app(page).getByRole('button', { name: 'Save' }).click();
      await app(page).getByText('Enter at least one domain.').waitFor();
      await domains.fill('example.org');
      await app(page).getByLabel('Restricted').check({ force: true });
      await app(page).getByLabel('Customers can create accounts').uncheck();
      await app(page).getByRole('button', { name: 'Save' }).click();
      await app(page).getByText('{"domains":"example.org","access":"restricted","creation":false}').waitFor();
      await shot('demo-form-saved');
    },
  },
  {
    name: 'renderer demo: the page and viewer switch reloads the app with the new context',
    server: 'demo',
    async run({ page, open, settle }) {
      await open({ page: 'admin', role: 'jira-admin' });
      await app(page).getByText('Module: customer-access-doctor-admin').waitFor();
      await page.getByTestId('preview-page-HELP').click();
      await settle();
      await app(page).getByText('Module: customer-access-doctor-project').waitFor();
      await page.getByTestId('preview-breadcrumb').getByText('Project settings').waitFor();
      await page.getByTestId('preview-role-project-admin').click();
      await settle();
      if (!page.url().includes('role=project-admin'))
        throw new Error(`the URL did not follow: ${page.url()}`);
    },
  },
  {
    name: 'renderer: an unmapped UI Kit component is a visible error box and a recorded error',
    server: 'demo',
    async run({ page, open, allowPreviewErrors, shot }) {
      allowPreviewErrors();
      await open({ page: 'admin', role: 'jira-admin' });
      // The demo app has drawn its page and will not send another document by itself.
      await app(page).getByRole('heading', { name: 'Renderer demo' }).waitFor();
      await sendDoc(page, [
        { type: 'NotARealComponent', key: 'x', props: {}, children: [text('s', 'hidden')] },
      ]);
      await page
        .getByTestId('preview-unmapped')
        .getByText('Unmapped UI Kit component: <NotARealComponent>')
        .waitFor();
      const errors = await page.evaluate(() => window.__forgePreview.errors);
      if (!errors.some((e) => e.includes('NotARealComponent')))
        throw new Error(`not recorded: ${errors.join('; ')}`);
      await shot('renderer-unmapped-component');
    },
  },
];

/** Sends a ForgeDoc from the app frame as the reconciler would. */
async function sendDoc(page: Page, children: unknown[]): Promise<void> {
  await page
    .frameLocator('[data-testid="app-frame"]')
    .locator('body')
    .evaluate((_body, kids) => {
      const bridge = (window as unknown as { __bridge: { callBridge: (c: string, d: unknown) => unknown } })
        .__bridge;
      return bridge.callBridge('reconcile', {
        forgeDoc: { type: 'Root', key: 'root', props: {}, children: kids },
      });
    }, children);
}

const text = (key: string, value: string) => ({ type: 'String', key, props: { text: value }, children: [] });

demoTests.push({
  name: 'renderer: a component that cannot be drawn is an error box, and the next document draws again',
  server: 'demo',
  async run({ page, open, allowPreviewErrors }) {
    allowPreviewErrors();
    await open({ page: 'admin', role: 'jira-admin' });
    await app(page).getByRole('heading', { name: 'Renderer demo' }).waitFor();
    // A title that is an object: Atlaskit throws while drawing it.
    await sendDoc(page, [
      { type: 'SectionMessage', key: 'm', props: { title: { not: 'text' } }, children: [text('s', 'body')] },
    ]);
    await page.getByTestId('preview-draw-error').waitFor();
    const errors = await page.evaluate(() => window.__forgePreview.errors);
    if (!errors.some((e) => e.startsWith('drawing the app failed'))) {
      throw new Error(`not recorded: ${errors.join('; ')}`);
    }
    await sendDoc(page, [{ type: 'Text', key: 't', props: {}, children: [text('s2', 'Drawn again')] }]);
    await page.getByTestId('app-root').getByText('Drawn again').waitFor();
  },
});

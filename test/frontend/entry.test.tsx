/** The resource entry itself (what the manifest's `main` resource loads) renders the app and reads once. */
import { answerWith, byType, host, invoked, settle, textOf, waitFor } from './harness';
import { ADMIN_CONTEXT, adminState } from './fixtures';

test('src/frontend/index.tsx renders the admin page with one getAppState', async () => {
  host.reset();
  host.context = ADMIN_CONTEXT;
  answerWith({ getAppState: () => ({ ok: true, data: adminState() }) });
  await import('../../src/frontend/index');
  await waitFor(() => byType('Tabs').length === 1, 'the admin page');
  await settle();
  expect(textOf()).toContain('Customer Access Doctor');
  expect(invoked().map((i) => i.functionKey)).toEqual(['getAppState']);
});

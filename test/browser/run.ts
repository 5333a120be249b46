/**
 * `npm run test:browser`: the browser tests (after scripts/install-chromium.sh). Not a jest suite;
 * the unit jest run never picks these files up (they are *.browser.ts). Ends with "N passed, N failed".
 *
 *   npx tsx test/browser/run.ts [name filter]
 */
import { bulkTests } from './bulk.browser';
import { demoTests } from './demo.browser';
import { runBrowserTests } from './harness';
import { coverageTests, pageTests, startTests } from './pages.browser';

const filter = process.argv[2];
runBrowserTests([...pageTests, ...bulkTests, ...coverageTests, ...startTests, ...demoTests], filter).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stdout.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n0 passed, 1 failed\n`,
    );
    process.exit(1);
  },
);

/**
 * A small runner for the browser tests: starts the preview server in this process, drives Debian's
 * Chromium with playwright-core, runs each test in a fresh browser context, fails a test on any preview
 * error (an unmapped UI Kit component, a prop that cannot cross the bridge, an app error, a page
 * error), saves screenshots under test-output/browser/, and ends with "N passed, N failed".
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startPreview, type PreviewServer } from '../../dev/preview/server';
import type { PreviewSession } from '../../dev/preview/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const OUTPUT_DIR = path.join(ROOT, 'test-output/browser');
export const README_SHOTS_DIR = path.join(ROOT, 'docs/screenshots');

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface TestContext {
  page: Page;
  baseUrl: string;
  /** Opens the preview on a page and viewer and waits until the app has drawn and settled. */
  open(session: PreviewSession): Promise<void>;
  /** Waits until no invoke is in flight and the last document is drawn. */
  settle(): Promise<void>;
  /** Saves a screenshot as test output (and, with `readme`, as docs/screenshots/<readme>.png). */
  shot(name: string, options?: { readme?: string; readmeHeight?: number }): Promise<string>;
  /** Lets a test expect preview errors (the unmapped-component test). */
  allowPreviewErrors(): void;
}

export interface BrowserTest {
  name: string;
  /** Which server: the app's real pages or the renderer's demo page. */
  server: 'app' | 'demo';
  run(t: TestContext): Promise<void>;
}

export function sessionQuery(session: PreviewSession): string {
  const params = new URLSearchParams({ page: session.page, role: session.role });
  if (session.projectKey) params.set('project', session.projectKey);
  return params.toString();
}

// window.__forgePreview is declared by the host page (dev/preview/host/main.tsx).

/** Waits until the app has drawn and no invoke is in flight; stops at once on a preview error. */
async function settle(page: Page, allowErrors: boolean): Promise<void> {
  await page.waitForFunction(
    (allow) => {
      const s = window.__forgePreview;
      if (s && !allow && s.errors.length > 0) return true;
      return Boolean(s) && s.reconciles > 0 && s.pendingInvokes === 0;
    },
    allowErrors,
    { timeout: 30_000 },
  );
  const errors = allowErrors ? [] : await page.evaluate(() => window.__forgePreview.errors);
  if (errors.length > 0) throw new Error(`preview errors:\n  ${errors.join('\n  ')}`);
  // One more frame so the host has drawn what the last message carried.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

function safeName(name: string): string {
  return name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

export async function runBrowserTests(tests: BrowserTest[], filter?: string): Promise<number> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const old of fs.readdirSync(OUTPUT_DIR)) {
    if (old.startsWith('FAILED-')) fs.rmSync(path.join(OUTPUT_DIR, old));
  }
  const selected = tests.filter((t) => !filter || t.name.includes(filter));
  const servers: Partial<Record<'app' | 'demo', PreviewServer>> = {};
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    for (const test of selected) {
      const testStarted = Date.now();
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      let allowErrors = false;
      try {
        servers[test.server] ??= await startPreview({ port: 0, quiet: true, demo: test.server === 'demo' });
        const server = servers[test.server] as PreviewServer;
        await fetch(`${server.url}/api/reset`, { method: 'POST' });
        if (test.server === 'app') {
          await fetch(`${server.url}/api/atlassian`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ mode: 'up' }),
          });
        }
        const t: TestContext = {
          page,
          baseUrl: server.url,
          open: async (session) => {
            await page.goto(`${server.url}/?${sessionQuery(session)}`);
            await settle(page, allowErrors);
          },
          settle: () => settle(page, allowErrors),
          shot: async (name, options) => {
            const file = path.join(OUTPUT_DIR, `${safeName(name)}.png`);
            // The toolbar is sticky: from the top, a full-page shot shows it once, in its place.
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.screenshot({ path: file, fullPage: true });
            if (options?.readme) {
              // README pictures: the top of the page (the whole page can be several screens long).
              fs.mkdirSync(README_SHOTS_DIR, { recursive: true });
              const height = await page.evaluate(() => document.documentElement.scrollHeight);
              await page.screenshot({
                path: path.join(README_SHOTS_DIR, `${options.readme}.png`),
                fullPage: true,
                clip: {
                  x: 0,
                  y: 0,
                  width: page.viewportSize()?.width ?? 1280,
                  height: Math.min(height, options.readmeHeight ?? 1300),
                },
              });
            }
            return file;
          },
          allowPreviewErrors: () => {
            allowErrors = true;
          },
        };
        await test.run(t);
        if (!allowErrors) {
          const errors = await page.evaluate(() => window.__forgePreview?.errors ?? []);
          const unmapped = await page.locator('[data-testid="preview-unmapped"]').count();
          const problems = [...errors, ...pageErrors.map((e) => `page error: ${e}`)];
          if (unmapped > 0 && problems.length === 0) problems.push(`${unmapped} unmapped component(s) drawn`);
          if (problems.length > 0) throw new Error(`preview errors:\n  ${problems.join('\n  ')}`);
        }
        passed += 1;
        process.stdout.write(`ok - ${test.name} (${Date.now() - testStarted} ms)\n`);
      } catch (error) {
        failed += 1;
        let message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        const state = await page
          .evaluate(() => {
            const s = window.__forgePreview;
            return s
              ? { errors: s.errors, reconciles: s.reconciles, pendingInvokes: s.pendingInvokes }
              : null;
          })
          .catch(() => null);
        if (state) message += `\npreview state: ${JSON.stringify(state)}`;
        if (pageErrors.length > 0) message += `\npage errors: ${pageErrors.join('; ')}`;
        process.stdout.write(`not ok - ${test.name}\n${message.replace(/^/gm, '    ')}\n`);
        await page
          .screenshot({ path: path.join(OUTPUT_DIR, `FAILED-${safeName(test.name)}.png`), fullPage: true })
          .catch(() => undefined);
      } finally {
        await context.close();
      }
    }
  } catch (error) {
    failed += 1;
    process.stdout.write(
      `not ok - browser tests could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  } finally {
    await browser?.close();
    for (const server of Object.values(servers)) await server?.close();
  }
  process.stdout.write(
    `browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in test-output/browser/\n`,
  );
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../deploy/tools.js';
import { generate } from '../generation/jobs-helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const browserBinary = requireTool('chromium');
const screenshotPath = path.resolve('test/artifacts/graphiql-generation.png');

const resultPane = (page: Page) => page.locator('.graphiql-response .view-lines');

/** Every text the result pane showed while the subscription ran, until it shows `final`. */
async function watchResults(page: Page, final: string, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const text = (await resultPane(page).innerText()).replace(/\u00a0/g, ' ');
    if (text && text !== seen.at(-1)) seen.push(text);
    if (text.includes(final)) return seen;
    await page.waitForTimeout(50);
  }
  throw new Error(`the result pane never showed ${final}; last: ${seen.at(-1) ?? '(empty)'}`);
}

describe.skipIf(process.env.TEST_BACKEND === 'postgres' || browserBinary.skip)('GraphiQL in a real browser', () => {
  let t: TestApp;
  let url: string;
  let userDataDir: string;
  let context: BrowserContext;
  const external: string[] = [];

  beforeAll(async () => {
    expect(browserBinary.path, browserBinary.missing).toBeDefined();
    t = await createTestApp({
      env: { GENERATION_LOCAL_CHUNK_DELAY_MS: '60' },
    });
    url = await t.listen();
    userDataDir = await mkdtemp(path.join(tmpdir(), 'lpa-graphiql-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browserBinary.path,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 900 },
    });
    // Anything the page tries to load from elsewhere would fail on an offline machine.
    await context.route(
      (target) => !target.href.startsWith(url) && !target.protocol.startsWith('blob') && !target.protocol.startsWith('data'),
      (route) => {
        external.push(route.request().url());
        return route.abort();
      },
    );
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    await t?.close();
  });

  it('streams a generation job through the subscription run from GraphiQL', async () => {
    const user = await t.signUp('graphiql');
    const job = await generate(t, user.token, {
      topic: 'Shipping GraphQL APIs',
    });
    const operation = `subscription { generationProgress(jobId: "${job.id}") { job { status progress } delta } }`;

    const page = context.pages()[0] ?? (await context.newPage());
    try {
      await page.goto(`${url}/graphql?query=${encodeURIComponent(operation)}`);
      await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('.graphiql-query-editor .view-lines').innerText(), { timeout: 10_000 }).toContain('generationProgress');

      await page.getByRole('button', { name: 'Headers' }).click();
      const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor:visible .monaco-editor');
      await headersEditor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${user.token}` }));

      await page.locator('.graphiql-execute-button').click();
      const seen = await watchResults(page, 'SUCCEEDED', 30_000);

      const final = seen.at(-1) as string;
      expect(final).toMatch(/"status": "SUCCEEDED"/);
      expect(final).toMatch(/"progress": 1/);
      expect(seen.join('\n'), 'no event carried post text').toMatch(/"delta": "[^"]{3,}/);
      expect(external).toEqual([]);
    } finally {
      await mkdir(path.dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath });
    }
  }, 55_000);
});

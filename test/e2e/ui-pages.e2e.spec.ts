import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '@csc/auth';
import { collectPageProblems, launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { SMALL_COUNTY, loadCounty, smallCountyEvents } from '../support/county';
import { describeWith, externalService } from '../support/external-services';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer, tokenFor } from '../support/tokens';

const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');
const AS_OF = SMALL_COUNTY.lastDay;
const TEAM = 'T-NORTH-1';
const OTHER_TEAM = 'T-SOUTH-1';

interface Visit {
  status: number;
  problems: string[];
  html: string;
}

function backends(): Array<{ name: string; databaseUrl?: () => Promise<{ url: string; drop: () => Promise<void> }> }> {
  const postgres = externalService('postgres');
  return [
    { name: 'PGlite' },
    ...(postgres.available && postgres.value ? [{ name: 'PostgreSQL', databaseUrl: () => createScratchDatabase(postgres.value!, 'csc_ui_e2e') }] : []),
  ];
}

describeWith('chromium', 'the pages at /ui/ in Chromium on a generated county', ({ value: chromiumPath }) => {
  const events = smallCountyEvents();
  const childIds = [...new Set(events.map((event) => event.childId).filter((id): id is string => Boolean(id)))];

  describe.each(backends())('on $name', ({ databaseUrl }) => {
    let test: TestApplication;
    let baseUrl: string;
    let browser: Browser;
    let dropDatabase: (() => Promise<void>) | undefined;
    let ownChild: string;
    let otherTeamsChild: string;

    beforeAll(async () => {
      const scratch = databaseUrl ? await databaseUrl() : undefined;
      dropDatabase = scratch?.drop;
      test = await startTestApplication({ databaseUrl: scratch?.url, env: { READ_MODEL_WAIT_MS: '60000' } });
      await test.app.listen(0, '127.0.0.1');
      baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
      await loadCounty(baseUrl, events);
      ownChild = await overdueChildOf(TEAM);
      otherTeamsChild = await overdueChildOf(OTHER_TEAM);
      browser = await launchChromium(chromiumPath);
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await test?.close();
      await dropDatabase?.();
    });

    async function overdueChildOf(teamId: string): Promise<string> {
      const response = await fetch(`${baseUrl}/v1/trackers/overdue?asOf=${AS_OF}&teamId=${teamId}`, { headers: { Authorization: bearer('admin') } });
      const body = (await response.json()) as { clocks: Array<{ childId: string }> };
      if (!body.clocks[0]) throw new Error(`the county has no overdue clock in team ${teamId} on ${AS_OF}`);
      return body.clocks[0].childId;
    }

    /** A fresh browser session (no cookies), signed in through the form with a token for these roles. */
    async function signedIn(roles: Role | Role[], teams?: string[]): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/ui/`);
      await page.getByLabel('Token').fill(tokenFor(roles, { subject: 'jane', teams }));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${baseUrl}/ui/`);
      return { context, page };
    }

    /** Opens a page and checks what every page must be: no console error and no serious or critical axe violation. */
    async function visit(page: Page, path: string, screenshot?: string): Promise<Visit> {
      const collector = collectPageProblems(page);
      const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      const violations = await seriousAccessibilityViolations(page);
      expect(violations).toEqual([]);
      if (screenshot) await page.screenshot({ path: resolve(SCREENSHOTS, `${screenshot}.png`), fullPage: false });
      collector.stop();
      const status = response!.status();
      // Chromium logs the status of an error page it was sent; that one line is what the test asked for.
      const expected = `console: Failed to load resource: the server responded with a status of ${status}`;
      const problems = collector.problems.filter((problem) => !(status >= 400 && problem.startsWith(expected)));
      return { status, problems, html: await page.content() };
    }

    it('the sign-in page has a Token field, a Sign in button, explains csc token, and passes axe', async () => {
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      const { status, problems } = await visit(page, '/ui/', 'sign-in');
      expect(status).toBe(200);
      await expect(page.getByLabel('Token').count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(1);
      await page.getByText('How to get a token').click();
      await expect(page.getByText('csc -- token --role practitioner').isVisible()).resolves.toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('a token the API would refuse is refused with an error summary and no cookie', async () => {
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/ui/`);
      await page.getByLabel('Token').fill(tokenFor('practitioner', { secret: 'another-secret-that-the-service-does-not-use-0123' }));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('There is a problem');
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('csc_ui_token');
      await context.close();
    });

    it('signing in keeps the token in an HttpOnly, SameSite=Strict session cookie for /ui only, and signing out forgets it', async () => {
      const { context, page } = await signedIn('practitioner', [TEAM]);
      const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === 'csc_ui_token');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/ui', expires: -1 });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/ui\/\?signIn=/);
      expect((await context.cookies()).map((candidate) => candidate.name)).not.toContain('csc_ui_token');
      await page.goto(`${baseUrl}/ui/children/${ownChild}`);
      await expect(page.getByLabel('Token').count()).resolves.toBe(1);
      await context.close();
    });

    it("a practitioner sees their team's child: status, worker, team, every clock with its working, and the timeline", async () => {
      const { context, page } = await signedIn('practitioner', [TEAM]);
      const { status, problems } = await visit(page, `/ui/children/${ownChild}?asOf=${AS_OF}`, 'child-tracker');
      expect(status).toBe(200);
      const api = (await (
        await fetch(`${baseUrl}/v1/children/${ownChild}/tracker?asOf=${AS_OF}`, { headers: { Authorization: bearer('practitioner', { teams: [TEAM] }) } })
      ).json()) as { allocation: { workerId: string; teamId: string }; clocks: Array<{ rule: string; dueOn: string; state: string }> };
      const summary = await page.locator('.govuk-summary-list').innerText();
      expect(summary).toContain(api.allocation.workerId);
      expect(summary).toContain(api.allocation.teamId);
      const rows = await page
        .locator('#open-clocks > tbody > tr, #stopped-clocks > tbody > tr')
        .filter({ has: page.locator('th') })
        .count();
      expect(rows).toBe(api.clocks.length);
      const overdue = api.clocks.find((clock) => clock.state === 'overdue')!;
      const details = page.locator('#open-clocks details', { hasText: overdue.dueOn }).first();
      await details.locator('summary').click();
      await expect(details.innerText()).resolves.toMatch(/Rule table .*; bank holiday calendar/);
      await expect(page.locator('.csc-timeline li').count()).resolves.toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await context.close();
    });

    it("a practitioner is refused another team's child with a 403 page, and the measures pages", async () => {
      const { context, page } = await signedIn('practitioner', [TEAM]);
      const refused = await visit(page, `/ui/children/${otherTeamsChild}?asOf=${AS_OF}`);
      expect(refused.status).toBe(403);
      await expect(page.locator('h1').innerText()).resolves.toBe('You cannot see this record');
      const measures = await visit(page, '/ui/timeliness');
      expect(measures.status).toBe(403);
      expect(measures.html).not.toMatch(/at .*\.ts:\d+/);
      await context.close();
    });

    it('an unknown page and an unknown child are GOV.UK 404 pages, a bad date a 400 page, never a stack', async () => {
      const { context, page } = await signedIn('admin');
      expect((await visit(page, '/ui/no-such-page')).status).toBe(404);
      expect((await visit(page, '/ui/children/NOSUCHCHILD1')).status).toBe(404);
      const bad = await visit(page, `/ui/children/${ownChild}?asOf=2026-02-30`);
      expect(bad.status).toBe(400);
      await expect(page.locator('h1').innerText()).resolves.toContain('problem');
      expect(bad.html).not.toMatch(/at .*\.(ts|js):\d+/);
      await context.close();
    });

    it("a practitioner's team worktray: overdue and due-soon clocks by worker, cases per FTE, links to the children", async () => {
      const { context, page } = await signedIn('practitioner', [TEAM]);
      const { status, problems, html } = await visit(page, `/ui/teams/${TEAM}?asOf=${AS_OF}`, 'team-worktray');
      expect(status).toBe(200);
      const api = (await (
        await fetch(`${baseUrl}/v1/teams/${TEAM}/worktray?asOf=${AS_OF}`, { headers: { Authorization: bearer('practitioner', { teams: [TEAM] }) } })
      ).json()) as { caseload: { cases: number; caseloadPerFte: number }; workers: Array<{ workerId: string; overdue: unknown[] }> };
      await expect(page.locator('#team-cases').innerText()).resolves.toBe(api.caseload.cases.toLocaleString('en-GB'));
      await expect(page.locator('#team-caseload').innerText()).resolves.toBe(String(api.caseload.caseloadPerFte));
      await expect(page.locator('#workers > tbody > tr').count()).resolves.toBe(api.workers.length);
      expect(html).toContain(`href="/ui/children/${ownChild}?asOf=${AS_OF}"`);
      expect((await visit(page, `/ui/teams/${OTHER_TEAM}`)).status).toBe(403);
      expect(problems).toEqual([]);
      await context.close();
    });

    it.each([
      ['waiting', `/ui/waiting?to=${AS_OF}`, '#waiting-stages'],
      ['timeliness', `/ui/timeliness?from=2025-04-01&to=${AS_OF}`, '#timeliness-rules'],
      ['continuity', `/ui/continuity?asOf=${AS_OF}`, '#continuity-figures'],
      ['caseloads', `/ui/caseloads?asOf=${AS_OF}`, '#caseload-teams'],
    ])('an analyst sees the %s page with its tables and charts drawn, and no child id anywhere', async (name, path, table) => {
      const { context, page } = await signedIn('analyst');
      const { status, problems, html } = await visit(page, path, name);
      expect(status).toBe(200);
      await expect(page.locator(`${table} tbody tr`).count()).resolves.toBeGreaterThan(0);
      const canvases = page.locator('canvas[data-chart]');
      for (let index = 0; index < (await canvases.count()); index += 1) {
        // Chart.js sizes the canvas it has drawn on to its box; an undrawn canvas keeps the default 300 x 150.
        await expect(canvases.nth(index).evaluate((canvas: { width: number; height: number }) => canvas.width !== 300 || canvas.height !== 150)).resolves.toBe(
          true,
        );
      }
      for (const childId of childIds) expect(html).not.toContain(childId);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('the board pack: one page per measure with the month, 12 months and the target; print styles; the same as a PDF', async () => {
      const { context, page } = await signedIn('analyst');
      const month = AS_OF.slice(0, 7);
      const { status, problems, html } = await visit(page, `/ui/board?month=${month}`, 'board');
      expect(status).toBe(200);
      const api = (await (await fetch(`${baseUrl}/v1/metrics/board?month=${month}`, { headers: { Authorization: bearer('analyst') } })).json()) as {
        measures: Array<{ id: string; value: number | null; trend: unknown[] }>;
      };
      await expect(page.locator('section.csc-board-page').count()).resolves.toBe(api.measures.length);
      for (const measure of api.measures) {
        expect(measure.trend).toHaveLength(12);
        await expect(page.locator(`#board-${measure.id}-table > tbody > tr`).count()).resolves.toBe(12);
      }
      for (const childId of childIds) expect(html).not.toContain(childId);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.govuk-service-navigation').isVisible()).resolves.toBe(false);
      await expect(
        page
          .locator('section.csc-board-page')
          .first()
          .evaluate(
            (section) => (globalThis as unknown as { getComputedStyle(element: unknown): { breakAfter: string } }).getComputedStyle(section).breakAfter,
          ),
      ).resolves.toBe('page');
      const pdf = await page.request.get(`${baseUrl}/ui/board.pdf?month=${month}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const body = (await pdf.body()).toString('latin1');
      expect(body.startsWith('%PDF-')).toBe(true);
      // A cover and one page per measure.
      expect(body.match(/\/Type \/Page\b/g)).toHaveLength(api.measures.length + 1);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('an admin follows a figure to the children behind it and on to a tracker', async () => {
      const { context, page } = await signedIn('admin');
      await visit(page, `/ui/timeliness?from=2025-04-01&to=${AS_OF}`);
      await page.locator('#timeliness-rules tbody tr').first().locator('a').click();
      await page.waitForURL(/explain=true/);
      const child = page.locator('#children ~ div a[href^="/ui/children/"]').first();
      const href = await child.getAttribute('href');
      await child.click();
      await page.waitForURL(`${baseUrl}${href}`);
      await expect(page.locator('h1').innerText()).resolves.toMatch(/^Child /);
      await context.close();
    });

    it('an analyst is refused child trackers, worktrays and the children behind a figure', async () => {
      const { context, page } = await signedIn('analyst');
      expect((await visit(page, `/ui/children/${ownChild}`)).status).toBe(403);
      expect((await visit(page, `/ui/teams/${TEAM}`)).status).toBe(403);
      expect((await visit(page, `/ui/timeliness?explain=true`)).status).toBe(403);
      const home = await visit(page, '/ui/');
      for (const childId of childIds) expect(home.html).not.toContain(childId);
      await context.close();
    });
  });
});

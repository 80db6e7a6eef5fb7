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
      const problems = collectPageProblems(page);
      const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      const violations = await seriousAccessibilityViolations(page);
      expect(violations).toEqual([]);
      if (screenshot) await page.screenshot({ path: resolve(SCREENSHOTS, `${screenshot}.png`), fullPage: false });
      return { status: response!.status(), problems, html: await page.content() };
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

    it('an analyst is refused child trackers', async () => {
      const { context, page } = await signedIn('analyst');
      expect((await visit(page, `/ui/children/${ownChild}`)).status).toBe(403);
      const home = await visit(page, '/ui/');
      for (const childId of childIds) expect(home.html).not.toContain(childId);
      await context.close();
    });
  });
});

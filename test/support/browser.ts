import { readFileSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page, type Request } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. playwright-core downloads nothing. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Every console error, uncaught exception and failed request of a page from now until `stop`, so a test
 * can insist there are none.
 */
export function collectPageProblems(page: Page): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  };
  const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
  // A request the browser itself abandons (net::ERR_ABORTED: the page navigated on before, say, the favicon
  // arrived) is no fault of the page; every other failure is.
  const onRequestFailed = (request: Request) => {
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onRequestFailed);
  return {
    problems,
    stop() {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('requestfailed', onRequestFailed);
    },
  };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) in the page and answers its violations. The script is
 * evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as the service sets it.
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: Array<Record<string, unknown>> }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id as string,
      impact: (violation.impact as string) ?? null,
      help: violation.help as string,
      targets: (violation.nodes as Array<{ target: string[] }>).slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
}

/** Only the serious and critical violations: the ones a page must never have. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  return (await accessibilityViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

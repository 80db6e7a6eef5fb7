import { dirname, join } from 'node:path';
import { Environment, FileSystemLoader } from 'nunjucks';

/** Where GOV.UK Frontend's Nunjucks macros, compiled CSS, JavaScript, fonts and images are installed. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** The page templates: beside this file in the sources, copied beside the compiled file by the build. */
const VIEWS = join(__dirname, 'views');

/** What every page's layout needs besides the page's own figures. */
export interface PageFrame {
  /** The signed-in person, or undefined on the sign-in page. */
  signedIn?: { subject: string; roles: readonly string[]; teams: readonly string[] };
  /** The nonce that lets the GOV.UK template's one inline script run under the Content-Security-Policy. */
  cspNonce: string;
  /** The sign-out form's cross-site request forgery token. */
  csrfToken?: string;
  /** The path of the page, for the navigation's current item. */
  currentPath: string;
  /** The pages the signed-in person may open. */
  navigation?: ReadonlyArray<{ href: string; text: string; active: boolean }>;
}

/**
 * Renders the pages with GOV.UK Frontend's own Nunjucks macros and template. Autoescaping is on:
 * every value from a read model is escaped unless a template marks it safe.
 */
export class PageRenderer {
  private readonly environment: Environment;

  constructor() {
    this.environment = new Environment(new FileSystemLoader([VIEWS, GOVUK_FRONTEND_DIST], { noCache: false }), {
      autoescape: true,
      throwOnUndefined: false,
    });
    this.environment.addFilter('json', (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c'));
    this.environment.addFilter('number', (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-GB') : '–'));
    this.environment.addFilter('percent', (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '–'));
  }

  render(view: string, frame: PageFrame, page: object): string {
    return this.environment.render(`pages/${view}.njk`, { ...page, frame, assetPath: '/ui/assets' });
  }
}

// Starts GOV.UK Frontend's components (details, service navigation menu, error summary) on every page.
import { initAll } from '/ui/assets/govuk-frontend.min.js';

initAll();

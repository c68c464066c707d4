// Shared fixtures: every page records console errors, page errors and CSP
// violations, so each test can assert the app ran cleanly.
const base = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');

const test = base.test.extend({
  page: async ({ page }, use) => {
    await use(page);
    // A test may end while a route handler is still on its way (a poll that
    // had already left): its late fulfil must not fail the test at teardown.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  },
  problems: async ({ page }, use) => {
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });
    await use(problems);
  },
});

/// Runs axe-core on the page (WCAG 2.1 A and AA) and returns its violations.
async function accessibilityViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

module.exports = { test, expect: base.expect, accessibilityViolations };

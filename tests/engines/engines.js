// The three browser engines over WebDriver: Chromium (chromedriver), Firefox
// ESR (geckodriver) and WebKit (WebKitGTK's MiniBrowser through
// WebKitWebDriver, under Xvfb). Debian's builds, driven by selenium-webdriver
// against a driver we start ourselves, so nothing is ever downloaded.
const { spawn } = require('node:child_process');
const net = require('node:net');
const { WebDriver } = require('selenium-webdriver');
const { Executor, HttpClient } = require('selenium-webdriver/http');

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// For each engine: the driver's command line and the session's capabilities.
const ENGINES = {
  chromium: (port) => ({
    command: ['/usr/bin/chromedriver', `--port=${port}`],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
          '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    },
  }),
  firefox: (port) => ({
    command: ['geckodriver', '--port', String(port), '--host', '127.0.0.1'],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless'],
        // No calls home from a machine without internet.
        prefs: {
          'app.update.enabled': false,
          'browser.shell.checkDefaultBrowser': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
        },
      },
    },
  }),
  // MiniBrowser's own --headless hangs the session: a virtual display instead.
  webkit: (port) => ({
    command: ['xvfb-run', '-a', '/usr/bin/WebKitWebDriver', `--port=${port}`],
    capabilities: {
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    },
  }),
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(url, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the driver exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch (_) { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no WebDriver at ${url} after 30 s`);
}

// Starts the engine's driver and a session: { driver, stop }.
async function startEngine(name, { env = process.env } = {}) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`unknown engine ${name}: one of ${Object.keys(ENGINES).join(', ')}`);
  const port = await freePort();
  const { command, capabilities } = engine(port);
  const output = [];
  const child = spawn(command[0], command.slice(1), { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  const stopDriver = () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch (_) { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForDriver(url, child);
    const driver = await WebDriver.createSession(new Executor(new HttpClient(url)), capabilities);
    await driver.manage().setTimeouts({ script: 20_000, pageLoad: 30_000 });
    const stop = async () => {
      try { await driver.quit(); } catch (_) { /* the session may be gone */ }
      stopDriver();
    };
    return { driver, stop };
  } catch (error) {
    stopDriver();
    error.message += `\n${name} driver output:\n${Buffer.concat(output).toString().slice(-4000)}`;
    throw error;
  }
}

module.exports = { startEngine, ENGINES };

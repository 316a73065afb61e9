// Makes sure the end-to-end tests have a browser, without a person having to set one up.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './browser.mjs';

const explicit = process.env.SWARK_CHROMIUM || process.env.CHROMIUM_PATH;
if (explicit && !existsSync(explicit)) {
  console.error(`SWARK_CHROMIUM points at ${explicit}, which does not exist. Unset it or point it at a Chromium binary.`);
  process.exit(1);
}
if (findChromium()) process.exit(0);

function tryRun(command) {
  try {
    execSync(command, { stdio: 'inherit', timeout: 10 * 60_000 });
    return true;
  } catch {
    return false;
  }
}

// Playwright's own browser, where its download site is reachable.
if (existsSync(chromium.executablePath())) process.exit(0);
if (tryRun('npx playwright install chromium') && existsSync(chromium.executablePath())) process.exit(0);

// Debian's Chromium, when we may install system packages.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && tryRun('(apt-get update || true) && apt-get install -y chromium') && findChromium()) process.exit(0);

console.error(
  [
    'No Chromium found for the end-to-end tests.',
    'Install one of:',
    '  sudo apt-get install -y chromium        (Debian/Ubuntu; then re-run npm test)',
    "  npx playwright install chromium         (where Playwright's download site is reachable)",
    'or point SWARK_CHROMIUM at an existing Chromium or Chrome binary.',
  ].join('\n'),
);
process.exit(1);

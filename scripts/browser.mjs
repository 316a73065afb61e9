// Finds the Chromium the end-to-end tests and benchmarks drive.
// Order: $SWARK_CHROMIUM (or $CHROMIUM_PATH), then the system's Chromium, then Playwright's own download.
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

export function findChromium() {
  const fromEnv = process.env.SWARK_CHROMIUM || process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return SYSTEM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the benchmarks
import { findChromium, CHROMIUM_ARGS } from './scripts/browser.mjs';

const executablePath = (findChromium as () => string | null)() ?? undefined;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  forbidOnly: true,
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    launchOptions: { executablePath, args: CHROMIUM_ARGS as string[] },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
  },
  webServer: {
    command: 'npx vite build && npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});

import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the benchmarks
import { findChromium, CHROMIUM_ARGS } from './scripts/browser.mjs';

const executablePath = (findChromium as () => string | null)() ?? undefined;
// A port (and build folder) of its own lets several test runs share a machine.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = `.e2e-dist/${port}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  forbidOnly: true,
  fullyParallel: false,
  workers: 2,
  // No retries, on CI either: a test that passes only on a second try is a bug to fix, not to hide.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS as string[] },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    actionTimeout: 15_000,
  },
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});

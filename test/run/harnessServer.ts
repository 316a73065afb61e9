/** Builds the run-panel harness page for production and serves it (vite preview), for the run benchmark and screenshots. */
import { build, preview, type PreviewServer } from 'vite';

/** `readable` keeps function names (no minifying), for reading traces. */
export async function serveHarness(port: number, options: { readable?: boolean } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = `.e2e-dist/run-harness-${port}`;
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: !options.readable, rollupOptions: { input: 'test/run/harness.html' } } });
  const server: PreviewServer = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
  return { url: `http://127.0.0.1:${port}/test/run/harness.html?testHooks`, close: () => server.close() };
}

// `npx tsx test/run/harnessServer.ts 4314` serves it until stopped.
if (process.argv[1]?.endsWith('harnessServer.ts')) {
  const port = Number(process.argv[2] ?? 4314);
  const served = await serveHarness(port);
  console.log(served.url);
}

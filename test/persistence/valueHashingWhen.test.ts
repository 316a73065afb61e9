/**
 * The fast value hash's load moment (`valueHashingWhen`): the browser's workspace does not wait for
 * xxhash, so a ref made before it arrives uses the pure-JS hash (by default the load awaits it).
 * Its own file: which hash is loaded is per module instance, and this file starts with none.
 */
import { describe, expect, it } from 'vitest';
import { captureWarnings, storage, workspaceOpener } from './helpers';

captureWarnings();
const open = workspaceOpener();

describe('When the fast hash loads after the load (the browser passes its after-paint moment)', () => {
  it('opens without it, makes pure-JS refs until the moment comes, then xxhash refs', async () => {
    let paint!: () => void;
    const painted = new Promise<void>((resolve) => (paint = resolve));
    const ws = await open(storage(), { valueHashingWhen: painted });
    expect(ws.database.storeFileText('before paint')).toMatch(/^f/);
    paint();
    await expect.poll(() => ws.database.storeFileText('after paint'), { timeout: 15_000 }).toMatch(/^x/);
  });
});

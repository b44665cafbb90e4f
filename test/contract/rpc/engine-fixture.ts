import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { memoryLogger } from '../../helpers/quiet-logger';

/** A fresh engine host on the unsaved sample WAN, with its own data folder. */
export async function startTestHost(mode: 'cli' | 'browser' = 'cli'): Promise<{ host: EngineHost; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-rpc-'));
  const host = await startEngineHost({ mode, logger: memoryLogger(), dataDir: dir, template: 'sample' });
  return { host, dir };
}

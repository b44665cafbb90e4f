// Headless entry: the engine and the renderer over HTTP (browser mode). Same as `wicm serve`.
import { main } from './cli/index';

void main(['serve', ...process.argv.slice(2)]);

// Headless entry: the desktop editor over HTTP (browser mode, what `npm start` falls back to).
// Same as `wicm serve --editor`: changes wait for Save and can be undone, as on the desktop.
import { main } from './cli/index';

void main(['serve', '--editor', ...process.argv.slice(2)]);

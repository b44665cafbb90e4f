import { join } from 'node:path';
import { test } from './fixtures';
import { userJourney } from './journeys/user-journey';
import { browserShell } from './pages/shell';

test('journey: edit the sample, import an NSR, trace, push, export, save and reopen', async ({ page, server }) => {
  await page.goto(server.url);
  // Over HTTP, projects are saved only under the data folder's projects directory.
  await userJourney(page, browserShell(page), join(server.dataDir, 'projects'), 'journey');
});

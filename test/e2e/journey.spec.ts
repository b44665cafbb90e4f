import { test } from './fixtures';
import { userJourney } from './journeys/user-journey';
import { browserShell } from './pages/shell';

test('journey: edit the sample, import an NSR, trace, push, export, save and reopen', async ({ page, server }) => {
  await page.goto(server.url);
  await userJourney(page, browserShell(page), server.dataDir, 'journey');
});

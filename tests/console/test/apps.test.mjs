// App management in the browser against a server whose app store is PostgreSQL (a table of this run's own):
// create an app from the console, connect a pusher-js client to it, disable it, rotate its secret, delete it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import Pusher from 'pusher-js';

const URL = process.env.CONSOLE_STORE_URL;
const WS_PORT = Number(process.env.SB_STORE_PORT);
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const skip = URL ? false : 'no PostgreSQL app store server (run.sh starts one when PostgreSQL answers)';

let browser;
before(async () => {
  if (!skip) {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }
});
after(async () => browser?.close());

/** Connects a pusher-js client with `key`; resolves 'connected' or the pusher:error code that refused it. */
function tryConnect(key) {
  const p = new Pusher(key, { wsHost: '127.0.0.1', wsPort: WS_PORT, forceTLS: false, enabledTransports: ['ws'],
    cluster: 'mt1' });
  return new Promise((resolve) => {
    p.connection.bind('connected', () => resolve({ p, result: 'connected' }));
    p.connection.bind('error', (e) => resolve({ p, result: e?.data?.code ?? e?.error?.data?.code ?? 'error' }));
  }).finally(() => p.disconnect());
}

test('the admin creates an app in the PostgreSQL store, a pusher-js client connects to it, then it is managed',
  { skip }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    page.on('dialog', (d) => d.accept()); // the delete confirmation
    await page.goto(URL);
    await page.fill('#token', process.env.CONSOLE_TOKEN);
    await page.click('#token-form button[type=submit]');
    await page.locator('#live-view').waitFor();
    await page.click('[data-view=apps]');
    await page.locator('#store-note', { hasText: 'written to the app store' }).waitFor();

    const id = 'console-' + Date.now();
    await page.fill('#ed-id', id);
    await page.check('#ed-client');
    await page.click('#ed-save');
    const created = await page.locator('#ed-result.ok', { hasText: 'created ' + id }).textContent();
    const [, key, secret] = created.match(/key (\w+), secret (\w+)/);
    assert.match(secret, /^[0-9a-f]{20}$/);
    await page.locator('#apps tbody tr', { hasText: id }).waitFor();

    assert.equal((await tryConnect(key)).result, 'connected');

    // an edit keeps the key and changes a limit, through the store's update
    await page.locator('#apps tbody tr', { hasText: id }).getByRole('button', { name: 'Edit' }).click();
    await page.fill('#ed-max', '7');
    await page.click('#ed-save');
    await page.locator('#ed-result.ok', { hasText: 'saved ' + id }).waitFor();
    const stored = await page.evaluate(async (appId) => (await fetch('api/apps/' + appId,
      { headers: { Authorization: sessionStorage.getItem('switchboard-console-auth') } })).json(), id);
    assert.equal(stored.max_connections, 7);
    assert.equal(stored.key, key);

    // a duplicate id is refused by the store's own check, as `switchboard apps create` is
    await page.fill('#ed-id', id);
    await page.click('#ed-save');
    await page.locator('#ed-result.bad').waitFor();

    const row = page.locator('#apps tbody tr', { hasText: id });
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.locator('#ed-result.ok', { hasText: 'new secret' }).textContent();
    assert.notEqual(rotated.split(': ')[1], secret);

    await row.getByRole('button', { name: 'Disable' }).click();
    await page.locator('#apps tbody tr', { hasText: id }).filter({ hasText: 'no' }).waitFor();
    assert.equal((await tryConnect(key)).result, 4003, 'a disabled app refuses connections');
    await page.screenshot({ path: path.join(SHOTS, 'console-apps.png'), fullPage: true });

    await page.locator('#apps tbody tr', { hasText: id }).getByRole('button', { name: 'Delete' }).click();
    await page.locator('#ed-result.ok', { hasText: 'deleted ' + id }).waitFor();
    await page.locator('#apps tbody tr', { hasText: id }).waitFor({ state: 'detached' });
    await ctx.close();
  });

// The `xdg-open` the CLI finds in the tests: follows the authorization URL through the test authorization server's
// login and consent over HTTP (test/support/oidc-browser.ts), delivers the callback, and prints one line about it.
import { createHttpBrowser } from '../../support/oidc-browser.ts';

const address = process.argv[2];
try {
  if (address === undefined) throw new Error('no URL given');
  const browser = createHttpBrowser();
  await browser.open(new URL(address));
  const callback = browser.callbacks[0];
  process.stdout.write(`callback ${callback?.status ?? 'none'} ${callback?.url.pathname ?? ''}\n`);
} catch (error) {
  process.stdout.write(`failed: ${String(error)}\n`);
  process.exitCode = 1;
}

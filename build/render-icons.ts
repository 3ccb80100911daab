// Renders the icon SVGs in build/ to the PNGs electron-builder and the tray use, in Debian's Chromium.
// Run after editing an SVG: `node build/render-icons.ts` (needs /usr/bin/chromium); commit SVGs and PNGs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const TRAY_STATES = ['idle', 'active', 'pending', 'locked'];

/** [svg, png, pixel size]: the app icon at 1024 (electron-builder derives icns/ico/sizes), tray icons at 1x and 2x. */
const jobs: [string, string, number][] = [
  ['icon.svg', 'icon.png', 1024],
  ...TRAY_STATES.flatMap((s): [string, string, number][] => [[`tray/${s}.svg`, `tray/${s}.png`, 16], [`tray/${s}.svg`, `tray/${s}@2x.png`, 32]]),
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
  for (const [svg, png, size] of jobs) {
    const source = readFileSync(join(here, svg), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${source}</body></html>`);
    writeFileSync(join(here, png), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    process.stdout.write(`${png} (${size}×${size})\n`);
  }
} finally {
  await browser.close();
}

/**
 * The HTML catalogue of the reference's visualisation models, opened in headless Chromium: every
 * page loads, every link resolves to an existing page, every diagram image loads, and a screenshot
 * is taken (bench/out/catalogue.png). Skipped on a machine without Chromium, except in CI.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, dyplan } from '../helpers/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const itBrowser = CHROMIUM || process.env.CI === 'true' ? it : it.skip;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith('.html') && statSync(f).isFile())
    .sort();
}

describe('the services catalogue in a browser', () => {
  itBrowser.each(['svg', 'png'])('every page, link and %s diagram loads', async (format) => {
    const out = mkdtempSync(join(tmpdir(), `dyplan-catalogue-${format}-`));
    const V = `${EXAMPLES}/visualize`;
    const generated = dyplan([
      'generate-services-docs',
      '-s',
      `${V}/services.nix`,
      '--docs',
      `${V}/docs.nix`,
      '--output-dir',
      out,
      '--format',
      format,
    ]);
    expect(generated.code, generated.stderr).toBe(0);
    const pages = htmlFiles(out);
    // Root, services, services/logging, services/reporting (intermediate groups too: bug 20).
    expect(pages.map((p) => relative(out, p))).toEqual([
      'index.html',
      'services/index.html',
      'services/logging/index.html',
      'services/reporting/index.html',
    ]);

    const { chromium } = await import('playwright-core');
    if (!CHROMIUM) throw new Error('Chromium is not installed (Debian package chromium)');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const failures: string[] = [];
      page.on('requestfailed', (request) => failures.push(request.url()));
      for (const file of pages) {
        const response = await page.goto(pathToFileURL(file).href);
        expect(response?.ok() ?? true).toBe(true);
        expect(await page.title()).not.toBe('');
        const hrefs = await page.$$eval('a[href]', (links) =>
          links.map((a) => (a as HTMLAnchorElement).href),
        );
        for (const href of hrefs) {
          expect(href.startsWith('file://'), href).toBe(true);
          expect(
            existsSync(fileURLToPath(href.split('#')[0])),
            `${relative(out, file)} links to ${href}`,
          ).toBe(true);
        }
        const images = await page.$$eval('img', (imgs) =>
          imgs.map((img) => ({
            src: (img as HTMLImageElement).src,
            width: (img as HTMLImageElement).naturalWidth,
          })),
        );
        expect(images.length, `${relative(out, file)} shows a diagram`).toBeGreaterThan(0);
        for (const image of images) expect(image.width, `${image.src} loads`).toBeGreaterThan(0);
      }
      expect(failures).toEqual([]);
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      const shots = join(ROOT, 'bench/out');
      mkdirSync(shots, { recursive: true });
      const shot = join(shots, `catalogue-${format}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(1000);
    } finally {
      await browser.close();
    }
  });
});

/**
 * `dyplan view` pages opened in headless Chromium (Debian's, driven by playwright-core, with the
 * catalogue test's flags): the bundled examples and a generated 10,000-service plan. No console
 * error; search finds a service and the panel shows its target and ports; the crossing-link count
 * is visualize-distribution's; the compare view counts the moved services; a hostile name stays
 * text; the three views, keyboard and mouse zoom and pan work; without WebGL the page says so.
 * Screenshots go to bench/out/view-*.png. Skipped on a machine without Chromium, except in CI.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { syntheticSystem } from '../../bench/synthetic-system.js';
import { EXAMPLES, ROOT, dyplan } from '../helpers/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const describeBrowser = CHROMIUM || process.env.CI === 'true' ? describe : describe.skip;
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HOSTILE = '<img src=x onerror=alert(1)>';
const SHOTS = join(ROOT, 'bench/out');

const out = mkdtempSync(join(tmpdir(), 'dyplan-view-'));

function run(args: string[]): string {
  const r = dyplan(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stderr;
}

/** visualize-distribution's count, from its summary line. */
function crossingOf(args: string[]): string {
  const line = run(['visualize-distribution', ...args]);
  const m = /^visualize-distribution: (.*)$/m.exec(line);
  expect(m, line).not.toBeNull();
  return m![1];
}

function json(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Services whose set of targets differs between two distributions (as JSON from `convert`). */
function movedBetween(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const targets = (v: unknown): string =>
    [...new Set((v as Array<string | { target: string }>).map((m) => (typeof m === 'string' ? m : m.target)))]
      .sort()
      .join(' ');
  return Object.keys(a).filter((s) => s in b && targets(a[s]) !== targets(b[s]));
}

interface Opened {
  page: Page;
  errors: string[];
  dialogs: string[];
  readyMs: number;
}

async function open(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
  const readyMs = Number(await page.getAttribute('html', 'data-ready-ms'));
  return { page, errors, dialogs, readyMs };
}

async function search(page: Page, name: string): Promise<void> {
  await page.fill('#search', name);
  await page.waitForSelector('#suggestions li');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.getElementById('panel-title')?.textContent === n, name);
}

async function camera(page: Page): Promise<[number, number, number]> {
  const text = (await page.getAttribute('html', 'data-camera')) ?? '';
  return text.split(',').map(Number) as [number, number, number];
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `view-${name}.png`);
  await page.screenshot({ path });
  expect(statSync(path).size).toBeGreaterThan(5000);
}

describeBrowser('dyplan view in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    if (!CHROMIUM) throw new Error('Chromium is not installed (Debian package chromium)');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the visualize example: crossing links, search, the three views, zoom and pan', async () => {
    const V = `${EXAMPLES}/visualize`;
    const models = [
      '-s',
      `${V}/services.nix`,
      '-i',
      `${V}/infrastructure.nix`,
      '-d',
      `${V}/distribution.nix`,
    ];
    const file = join(out, 'visualize.html');
    run(['view', ...models, '--output-file', file]);
    const expected = crossingOf(models);
    expect(expected).toBe('5 of 10 links cross targets');

    const { page, errors } = await open(browser, file);
    expect(await page.textContent('#crossing-summary')).toBe(expected);
    expect(await page.getAttribute('html', 'data-webgl')).toBe('true');

    await search(page, 'portal');
    // portal runs on both targets, in its type's container.
    expect(await page.textContent('#panel dd[data-field="targets"]')).toBe(
      'test1 / tomcat-webapplication, test2 / tomcat-webapplication',
    );
    expect(await page.$$eval('#panel button[data-service]', (b) => b.map((e) => e.textContent))).toEqual([
      'loggingapi',
      'portaldb',
      'reportingapi',
    ]);
    // Dependencies are clickable.
    await page.click('#panel button[data-service="portaldb"]');
    await page.waitForFunction(() => document.getElementById('panel-title')?.textContent === 'portaldb');
    await shot(page, 'example-distribution');

    // The toggle hides the links inside targets; the other views draw.
    await page.check('#only-crossing');
    await page.keyboard.press('Escape');
    await shot(page, 'example-crossing-only');
    await page.uncheck('#only-crossing');
    for (const view of ['services', 'infrastructure', 'distribution']) {
      await page.click(`#view-${view}`);
      expect(await page.getAttribute('html', 'data-view')).toBe(view);
      await page.waitForTimeout(150);
      await shot(page, `example-${view}`);
    }
    // A target from the panel: its services and properties.
    await page.click('#panel button[data-target="test1"]');
    await page.waitForFunction(() => document.getElementById('panel-title')?.textContent === 'test1');
    expect(await page.textContent('#panel')).toContain('services here (2)');

    // Keyboard: + zooms in (smaller camera ratio), arrows pan, 0 resets; mouse wheel and drag.
    await page.keyboard.press('Escape');
    await page.click('#graph', { position: { x: 5, y: 500 } });
    const start = await camera(page);
    await page.keyboard.press('+');
    await page.waitForTimeout(400);
    const zoomed = await camera(page);
    expect(zoomed[2]).toBeLessThan(start[2]);
    await page.keyboard.press('ArrowRight');
    const panned = await camera(page);
    expect(panned[0]).toBeGreaterThan(zoomed[0]);
    await page.keyboard.press('0');
    await page.waitForTimeout(400);
    expect((await camera(page))[2]).toBeCloseTo(1, 3);
    await page.mouse.move(500, 450);
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(500);
    const wheeled = await camera(page);
    expect(wheeled[2]).toBeLessThan(1);
    await page.mouse.move(500, 450);
    await page.mouse.down();
    await page.mouse.move(300, 350, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const dragged = await camera(page);
    expect(dragged[0]).not.toBeCloseTo(wheeled[0], 3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the test services with ids and --compare: ports in the panel, moved services counted', async () => {
    const E = `${EXAMPLES}/testservices`;
    const base = ['-s', `${E}/services-with-ids.nix`, '-i', `${E}/infrastructure.nix`];
    const ids = join(out, 'ids.json');
    run([
      'id-assign',
      ...base,
      '-d',
      `${E}/distribution.nix`,
      '--id-resources',
      `${E}/idresources-global.nix`,
      '--json',
      '--output-file',
      ids,
    ]);
    const convert = (d: string): Record<string, unknown> => {
      const f = join(out, `${d}.json`);
      run(['convert', '-i', `${E}/infrastructure.nix`, '-d', `${E}/${d}.nix`, '--json', '--output-file', f]);
      return json(f);
    };
    const moved = movedBetween(convert('distribution'), convert('distribution3'));
    expect(moved).toEqual(['testService2']);
    const file = join(out, 'testservices.html');
    run([
      'view',
      ...base,
      '-d',
      `${E}/distribution.nix`,
      '--ids',
      ids,
      '--compare',
      `${E}/distribution3.nix`,
      '--output-file',
      file,
    ]);

    const { page, errors } = await open(browser, file);
    expect(await page.getAttribute('#moves-summary', 'data-count')).toBe(String(moved.length));
    expect(await page.textContent('#moves-summary')).toMatch(/^1 service moved/);
    await search(page, 'testService2');
    const port = (json(ids).ids as Record<string, Record<string, number>>).ports.testService2;
    expect(port).toBeGreaterThanOrEqual(3000);
    expect(await page.textContent('#panel dd[data-field="target"]')).toMatch(/^testtarget2( \/ |$)/);
    expect(await page.textContent('#panel dd[data-field="ports"]')).toBe(String(port));
    expect(await page.textContent('#panel dd[data-field="moved from"]')).toBe('testtarget1');
    await page.check('#show-moves');
    await shot(page, 'example-compare');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a hostile service name as text and runs nothing', async () => {
    const dir = mkdtempSync(join(out, 'hostile-'));
    writeFileSync(
      join(dir, 'services.json'),
      JSON.stringify({
        [HOSTILE]: {
          name: HOSTILE,
          type: '<script>alert(2)</script>',
          note: '</script><b onmouseover=alert(3)>x',
        },
        web: { name: 'web', dependsOn: [HOSTILE] },
      }),
    );
    writeFileSync(
      join(dir, 'infrastructure.json'),
      JSON.stringify({
        '<svg onload=alert(4)>': { properties: { hostname: '<svg onload=alert(4)>' } },
        b: {},
      }),
    );
    writeFileSync(
      join(dir, 'distribution.json'),
      JSON.stringify({ [HOSTILE]: ['<svg onload=alert(4)>'], web: ['b'] }),
    );
    const file = join(dir, 'page.html');
    run([
      'view',
      '-s',
      join(dir, 'services.json'),
      '-i',
      join(dir, 'infrastructure.json'),
      '-d',
      join(dir, 'distribution.json'),
      '--output-file',
      file,
    ]);
    const { page, errors, dialogs } = await open(browser, file);
    await search(page, HOSTILE);
    expect(await page.textContent('#panel-title')).toBe(HOSTILE);
    expect(await page.textContent('#panel dd[data-field="type"]')).toBe('<script>alert(2)</script>');
    expect(await page.textContent('#panel dd[data-field="target"]')).toBe(
      '<svg onload=alert(4)> / <script>alert(2)</script>',
    );
    expect(await page.textContent('#panel')).toContain('</script><b onmouseover=alert(3)>x');
    await page.hover('#panel-title');
    // Nothing the names spell became an element.
    expect(await page.$$('img, svg, b, #panel script')).toHaveLength(0);
    await page.click('#view-infrastructure');
    await page.click('#panel button[data-target="<svg onload=alert(4)>"]');
    expect(await page.textContent('#panel-title')).toBe('<svg onload=alert(4)>');
    await shot(page, 'hostile');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without WebGL the page says so, and search and the panel still work', async () => {
    const file = join(out, 'visualize.html');
    const noGl = await (
      await import('playwright-core')
    ).chromium.launch({
      executablePath: CHROMIUM,
      args: [...FLAGS, '--disable-webgl', '--disable-3d-apis'],
    });
    try {
      const { page, errors } = await open(noGl, file);
      expect(await page.getAttribute('html', 'data-webgl')).toBe('false');
      expect(await page.textContent('#no-webgl')).toMatch(/WebGL/);
      await search(page, 'loggingapi');
      expect(await page.textContent('#panel dd[data-field="target"]')).toBe('test1 / tomcat-webapplication');
      await shot(page, 'no-webgl');
      expect(errors).toEqual([]);
    } finally {
      await noGl.close();
    }
  });

  it('a generated 10,000-service plan: size, time to interactive, search, crossing links, moves', async () => {
    const dir = mkdtempSync(join(out, 'large-'));
    const s = syntheticSystem(10_000);
    // The synthetic system has 19,760 links; a few more connectsTo make it 20,000+.
    const names = Object.keys(s.services);
    names.forEach((name, i) => {
      const other = names[(i + 7) % names.length];
      const v = s.services[name];
      if (i % 25 === 0 && !v.dependsOn.includes(other) && !v.connectsTo.includes(other))
        v.connectsTo.push(other);
    });
    const services = Object.fromEntries(
      Object.values(s.services).map((v) => [
        v.name,
        {
          name: v.name,
          type: v.type,
          dependsOn: v.dependsOn,
          connectsTo: v.connectsTo,
          group: v.group,
          description: v.description,
        },
      ]),
    );
    const other = Object.fromEntries(
      Object.entries(s.distribution).map(([name, mappings], i) => {
        if (i % 50 !== 0) return [name, mappings.map((m) => m.target)];
        const targets = Object.keys(s.infrastructure);
        const next = targets[(targets.indexOf(mappings[0].target) + 1) % targets.length];
        return [name, [next]];
      }),
    );
    const distribution = Object.fromEntries(
      Object.entries(s.distribution).map(([k, m]) => [k, m.map((x) => x.target)]),
    );
    const ports = Object.fromEntries(Object.keys(services).map((n, i) => [n, 10_000 + i]));
    const files = {
      services: join(dir, 'services.json'),
      infrastructure: join(dir, 'infrastructure.json'),
      distribution: join(dir, 'distribution.json'),
      other: join(dir, 'other.json'),
      ids: join(dir, 'ids.json'),
    };
    writeFileSync(files.services, JSON.stringify(services));
    writeFileSync(
      files.infrastructure,
      JSON.stringify(
        Object.fromEntries(
          Object.values(s.infrastructure).map((t) => [
            t.name,
            { properties: t.properties, containers: t.containers },
          ]),
        ),
      ),
    );
    writeFileSync(files.distribution, JSON.stringify(distribution));
    writeFileSync(files.other, JSON.stringify(other));
    writeFileSync(
      files.ids,
      JSON.stringify({ ids: { ports }, lastAssignments: {}, lastAssignmentsPerTarget: {} }),
    );
    const models = ['-s', files.services, '-i', files.infrastructure, '-d', files.distribution];
    const links = Object.values(services).reduce((n, v) => n + v.dependsOn.length + v.connectsTo.length, 0);
    expect(links).toBeGreaterThan(20_000);

    const file = join(dir, 'plan.html');
    run(['view', ...models, '--ids', files.ids, '--compare', files.other, '--output-file', file]);
    const size = statSync(file).size;
    expect(size).toBeLessThan(4 * 1024 * 1024);
    const expected = crossingOf(models);
    const moved = movedBetween(distribution, other);
    expect(moved.length).toBe(200);

    // The same-run reference: an empty page opened the same way.
    const empty = join(dir, 'empty.html');
    writeFileSync(
      empty,
      '<!doctype html><title>empty</title><script>document.documentElement.dataset.ready="true";document.documentElement.dataset.readyMs=performance.now().toFixed(0)</script>',
    );
    const reference = await open(browser, empty);
    await reference.page.close();

    const t0 = performance.now();
    const { page, errors, readyMs } = await open(browser, file);
    await search(page, 'svc-04321');
    const interactive = performance.now() - t0;
    console.log(
      `view, 10,000 services, ${links} links: page ${(size / 1e6).toFixed(2)} MB; first render at ${readyMs} ms after navigation ` +
        `(empty page: ${reference.readyMs} ms); open + search + panel ${interactive.toFixed(0)} ms`,
    );
    const target = s.distribution['svc-04321'].map((m) => m.target);
    expect(await page.textContent('#panel dd[data-field="target"], #panel dd[data-field="targets"]')).toBe(
      target.map((t) => `${t} / ${s.services['svc-04321'].type}`).join(', '),
    );
    expect(await page.textContent('#panel dd[data-field="ports"]')).toBe(String(ports['svc-04321']));
    expect(await page.textContent('#crossing-summary')).toBe(expected);
    expect(await page.getAttribute('#moves-summary', 'data-count')).toBe('200');
    await shot(page, 'large-search');
    await page.keyboard.press('Escape');
    await page.click('#zoom-reset');
    await page.waitForTimeout(400);
    await shot(page, 'large-distribution');
    await page.check('#show-moves');
    await page.waitForTimeout(200);
    await shot(page, 'large-compare');
    await page.uncheck('#show-moves');
    await page.click('#view-infrastructure');
    await page.waitForTimeout(200);
    await shot(page, 'large-infrastructure');
    expect(errors).toEqual([]);
    await page.close();
  });
});

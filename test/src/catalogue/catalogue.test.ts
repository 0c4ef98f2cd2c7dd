import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  documentServicesBatch,
  documentServicesPage,
  generateServicesDocs,
} from '../../../src/catalogue/catalogue.js';
import { escapeHtml, formatValue } from '../../../src/catalogue/html.js';
import { groupDirectory, groupHref, type FileMap } from '../../../src/catalogue/paths.js';
import { visualizeServicesBatch } from '../../../src/catalogue/services-batch.js';
import { servicesDot } from '../../../src/dot/services.js';
import {
  awkwardServices,
  model,
  service,
  visualizeDocs,
  visualizeServices,
} from '../../helpers/visualize-models.js';

/** The dydisnix root page (docs/compatibility.md §8.5); the only change: each `<th>` on its own line (the original ran them together). */
const ROOT_PAGE = `<!DOCTYPE html>

<html>
    <head>
        <title>Functional architecture documentation</title>
        <link rel="stylesheet" type="text/css" href="./style.css">
    </head>
    <body>
        <p>
            <img src="diagram.dot.svg" alt="Architecture diagram">
        </p>
        <h2>Services</h2>
        <table>
            <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Description</th>
            </tr>
            <tr>
                <td>portal</td>
                <td>tomcat-webapplication</td>
                <td>Portal web application</td>
            </tr>
            <tr>
                <td>portaldb</td>
                <td>tomcat-webapplication</td>
                <td>Database backend for the Portal application</td>
            </tr>
        </table>
        <h2>Groups</h2>
        <table>
            <tr>
                <th>Name</th>
                <th>Description</th>
            </tr>
            <tr>
                <td><a href="services/index.html">services</a></td>
                <td>Services</td>
            </tr>
        </table>
    </body>
</html>
`;

function text(files: FileMap, path: string): string {
  const v = files.get(path);
  expect(typeof v).toBe('string');
  return v as string;
}

/** Every href/src of a page, HTML-unescaped, URL-decoded and resolved against the page's directory. */
function references(pagePath: string, html: string): string[] {
  const unescape = (s: string): string =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) =>
    posix.normalize(
      posix.join(posix.dirname(pagePath), unescape(m[1]).split('/').map(decodeURIComponent).join('/')),
    ),
  );
}

describe('document-services --batch on the reference model (docs/compatibility.md §8.5)', async () => {
  const files = await documentServicesBatch(visualizeServices, {
    docs: visualizeDocs,
    format: 'svg',
    breadcrumbs: false,
  });

  it('writes a page per group, the diagrams they show and the stylesheet', () => {
    expect([...files.keys()]).toEqual([
      'diagram.dot',
      'diagram.dot.svg',
      'index.html',
      'services/diagram.dot',
      'services/diagram.dot.svg',
      'services/index.html',
      'services/logging/diagram.dot',
      'services/logging/diagram.dot.svg',
      'services/logging/index.html',
      'services/reporting/diagram.dot',
      'services/reporting/diagram.dot.svg',
      'services/reporting/index.html',
      'style.css',
    ]);
  });

  it('root page as in the reference', () => {
    expect(text(files, 'index.html')).toBe(ROOT_PAGE);
  });

  it('services page: no context services, sub-groups with their descriptions', () => {
    const page = text(files, 'services/index.html');
    expect(page).toContain('<title>Functional architecture documentation for group: Services</title>');
    expect(page).toContain('href="../style.css"');
    expect(page).toContain('<h1>Services</h1>');
    expect(page).toContain(
      '                <td>errordb</td>\n                <td>postgresql-database</td>\n                <td>Error database backend</td>\n',
    );
    expect(page).not.toContain('<td>portal</td>');
    expect(page).toContain(
      '                <td><a href="logging/index.html">logging</a></td>\n                <td>Logging</td>\n            </tr>\n            <tr>\n                <td><a href="reporting/index.html">reporting</a></td>\n                <td>Reporting</td>\n',
    );
  });

  it('services/logging page', () => {
    const page = text(files, 'services/logging/index.html');
    expect(page).toContain('<title>Functional architecture documentation for group: Logging</title>');
    expect(page).toContain('<link rel="stylesheet" type="text/css" href="../../style.css">');
    expect(page).toContain('<h1>Logging</h1>');
    expect(page).toContain(
      '<td>loggingapi</td>\n                <td>tomcat-webapplication</td>\n                <td>Logging API</td>',
    );
    expect(page).toContain(
      '<td>loggingdb</td>\n                <td>postgresql-database</td>\n                <td>Logging database backend</td>',
    );
    expect(page).not.toContain('<h2>Groups</h2>');
  });

  it('diagram files are the batch diagrams of docs/compatibility.md §8.1 and the images are SVG', () => {
    expect(text(files, 'diagram.dot')).toBe(servicesDot(visualizeServices, { groupSubservices: true }));
    expect(text(files, 'services/diagram.dot')).toBe(
      servicesDot(visualizeServices, { group: 'services', groupSubservices: true }),
    );
    expect(text(files, 'services/logging/diagram.dot.svg')).toContain('<title>loggingapi</title>');
  });

  it('without --docs, headings use group paths and descriptions are empty', async () => {
    const plain = await documentServicesBatch(visualizeServices);
    expect([...plain.keys()]).toEqual([
      'index.html',
      'services/index.html',
      'services/logging/index.html',
      'services/reporting/index.html',
      'style.css',
    ]);
    const page = text(plain, 'services/logging/index.html');
    expect(page).toContain('<h1>services/logging</h1>');
    expect(page).not.toContain('<img');
    expect(page).toContain(
      '                <th>Name</th>\n                <th>Description</th>\n                <th>Type</th>\n',
    );
    expect(text(plain, 'services/index.html')).toContain(
      '<td><a href="logging/index.html">logging</a></td>\n                <td></td>',
    );
  });
});

describe('catalogue links and escaping', () => {
  it('every link and image of every page resolves to a generated file (with breadcrumbs)', async () => {
    for (const services of [
      visualizeServices,
      awkwardServices,
      model([service('deep', { group: 'a/b/c' })]),
    ]) {
      const files = await generateServicesDocs(services, { docs: visualizeDocs, format: 'png' });
      const pages = [...files.keys()].filter((p) => p.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        for (const target of references(page, text(files, page)))
          expect(files.has(target), `${page} -> ${target}`).toBe(true);
      }
    }
  });

  it('intermediate groups get pages (docs/compatibility.md bug 20)', async () => {
    const files = await documentServicesBatch(model([service('deep', { group: 'a/b/c' })]));
    expect([...files.keys()]).toEqual([
      'a/b/c/index.html',
      'a/b/index.html',
      'a/index.html',
      'index.html',
      'style.css',
    ]);
    expect(text(files, 'a/index.html')).toContain('<td><a href="b/index.html">b</a></td>');
    expect(text(files, 'a/b/c/index.html')).toContain(
      '<p class="breadcrumbs"><a href="../../../index.html">Home</a> / <a href="../../index.html">a</a> / <a href="../index.html">b</a> / c</p>',
    );
  });

  it('escapes every model text and encodes unsafe group directories', async () => {
    const files = await documentServicesBatch(awkwardServices, {
      docs: {
        groups: { 'data base': '<Data> & "base"' },
        fields: ['description', 'zones', 'limits', 'providesContainers', 'odd key'],
        descriptions: { zones: 'Zones <list>' },
      },
    });
    const root = text(files, 'index.html');
    expect(root).toContain(
      '<td><a href="data%20base/index.html">data base</a></td>\n                <td>&lt;Data&gt; &amp; &quot;base&quot;</td>',
    );
    const db = text(files, 'data base/index.html');
    expect(db).toContain(
      '<title>Functional architecture documentation for group: &lt;Data&gt; &amp; &quot;base&quot;</title>',
    );
    expect(db).toContain(
      '<td>db &quot;main&quot;</td>\n                <td>&lt;b&gt;main&lt;/b&gt; &amp; &quot;only&quot; db</td>',
    );
    expect(db).toContain('<th>Zones &lt;list&gt;</th>');
    // `..` as a group component must not climb out of the output directory.
    expect(files.has('data base/%2E./index.html')).toBe(true);
    expect(db).toContain('<a href="%252E./index.html">..</a>');
    for (const path of files.keys()) expect(posix.normalize(path).startsWith('..')).toBe(false);
    const web = text(files, 'web/index.html');
    expect(web).toContain(
      '<td>überdienst ✓</td>\n                <td></td>\n                <td>US, Europe</td>\n                <td><dl><dt>mem</dt><dd>1024</dd><dt>tags</dt><dd>a, b&lt;c</dd></dl></td>\n',
    );
    expect(web).toContain(
      '<td><dl><dt>apache &quot;webapps&quot;</dt><dd></dd><dt>tomcat-webapplication</dt><dd><dl><dt>port</dt><dd>8080</dd></dl></dd></dl></td>\n                <td>true</td>',
    );
    expect(web).toContain('<td>tab\there</td>');
  });

  it('value formatting', () => {
    expect(formatValue(undefined)).toBe('');
    expect(formatValue(null)).toBe('');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(2.5)).toBe('2.5');
    expect(formatValue([])).toBe('');
    expect(formatValue(['a<', 1])).toBe('a&lt;, 1');
    expect(formatValue([['x'], { k: 'v' }])).toBe(
      '<ul><li>x</li><li><dl><dt>k</dt><dd>v</dd></dl></li></ul>',
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('group directories and hrefs', () => {
    expect(groupDirectory('')).toBe('');
    expect(groupDirectory('a/./../%x//b')).toBe('a/%2E/%2E./%25x/%/b');
    expect(groupHref('a/b', 'a/c', 'index.html')).toBe('../c/index.html');
    expect(groupHref('', 'x y/z', 'index.html')).toBe('x%20y/z/index.html');
    expect(groupHref('a/b', '', 'index.html')).toBe('../../index.html');
  });
});

describe('single page (document-services without --batch)', () => {
  it('root page without collapsing lists every service and no groups', () => {
    const page = documentServicesPage(visualizeServices, { docs: visualizeDocs });
    expect(page.match(/<tr>/g)).toHaveLength(8);
    expect(page).not.toContain('<h2>Groups</h2>');
    expect(page).not.toContain('<img');
  });

  it('titles the page with its group (the original ignored --group, docs/compatibility.md bug 19)', () => {
    const page = documentServicesPage(visualizeServices, {
      group: 'services',
      groupSubservices: true,
      docs: visualizeDocs,
      breadcrumbs: false,
    });
    expect(page).toContain('<title>Functional architecture documentation for group: Services</title>');
    expect(page).toContain('<h1>Services</h1>');
    expect(page).toContain('<a href="logging/index.html">logging</a>');
    expect(page).toContain('<td>errordb</td>');
  });
});

describe('generate-services-docs and visualize-services --batch', () => {
  it("produce the docs/compatibility.md §5.12 tree (without the original's // paths)", async () => {
    const files = await generateServicesDocs(visualizeServices, { docs: visualizeDocs, format: 'svg' });
    const expected = ['', 'services/', 'services/logging/', 'services/reporting/'].flatMap((d) =>
      ['diagram.dot', 'diagram.dot.svg', 'index.html'].map((f) => d + f),
    );
    expect([...files.keys()].sort()).toEqual([...expected, 'style.css'].sort());
    const diagrams = await visualizeServicesBatch(visualizeServices, { format: 'png' });
    expect([...diagrams.keys()]).toEqual(
      expected.filter((p) => !p.endsWith('.html')).map((p) => p.replace(/\.svg$/, '.png')),
    );
    const png = diagrams.get('services/diagram.dot.png') as Uint8Array;
    expect([...png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(diagrams.get('services/logging/diagram.dot')).toBe(files.get('services/logging/diagram.dot'));
  });

  it('without a format, only DOT files', async () => {
    const files = await generateServicesDocs(visualizeServices);
    expect([...files.keys()].filter((p) => !p.endsWith('.html') && p !== 'style.css')).toEqual([
      'diagram.dot',
      'services/diagram.dot',
      'services/logging/diagram.dot',
      'services/reporting/diagram.dot',
    ]);
  });
});

/**
 * The `dyplan view` page: one self-contained HTML file holding the data (src/view/data.ts) as a
 * JSON block and the bundled client (src/view/client/, built by `npm run build`), so it opens from
 * disk with no network access. The Content-Security-Policy allows no request at all and only the
 * page's own script and style (by hash): even a name that slipped into the markup could not run
 * or load anything. Names never do: the data block escapes `<`, and the client writes text only.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DyplanError } from '../errors.js';
import type { ViewData } from './data.js';

/** JSON that is safe inside `<script type="application/json">`: no `<` (so no `</script>`, no `<!--`). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const hash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const STYLE = `
:root { --bar: 44px; font-family: system-ui, sans-serif; font-size: 14px; color: #222; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 6px 12px; border-bottom: 1px solid #d0d4da; background: #f6f7f9; }
h1 { font-size: 16px; margin: 0; }
#views button { border: 1px solid #c5cad2; background: #fff; padding: 4px 10px; cursor: pointer; font: inherit; }
#views button:first-child { border-radius: 4px 0 0 4px; }
#views button:last-child { border-radius: 0 4px 4px 0; }
#views button[aria-selected="true"] { background: #2f6fde; color: #fff; border-color: #2f6fde; }
#stats span { margin-right: 10px; }
#stats .crossing { color: #b71c1c; font-weight: 600; }
#controls { display: flex; gap: 12px; align-items: center; }
#moves-summary { color: #b35400; font-weight: 600; }
#search-box { position: relative; margin-left: auto; }
#search { width: 220px; padding: 5px 8px; font: inherit; border: 1px solid #c5cad2; border-radius: 4px; }
#suggestions { position: absolute; right: 0; top: 100%; z-index: 10; width: 320px; max-height: 60vh; overflow: auto; margin: 2px 0 0; padding: 0; list-style: none; background: #fff; border: 1px solid #c5cad2; box-shadow: 0 4px 12px rgba(0,0,0,.12); }
#suggestions li { padding: 4px 8px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#suggestions li.active, #suggestions li:hover { background: #e8f0fe; }
#search-status { color: #b71c1c; font-size: 12px; }
main { flex: 1; display: flex; min-height: 0; }
#graph { flex: 1; position: relative; min-width: 0; background: #fff; }
#graph.pointing { cursor: pointer; }
#no-webgl { margin: 40px auto; max-width: 520px; padding: 16px 20px; border: 1px solid #e0b4b4; background: #fff6f6; color: #8a1f1f; border-radius: 6px; line-height: 1.4; }
#zoom { position: absolute; left: 10px; top: 10px; z-index: 5; display: flex; flex-direction: column; gap: 4px; }
#zoom button { width: 30px; height: 30px; font-size: 18px; border: 1px solid #c5cad2; background: #fff; border-radius: 4px; cursor: pointer; }
#legend { position: absolute; left: 10px; bottom: 10px; z-index: 5; max-height: 45%; overflow: auto; background: rgba(255,255,255,.88); padding: 6px 8px; border: 1px solid #e0e3e8; border-radius: 4px; font-size: 12px; }
#legend div { white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
aside { width: 360px; overflow: auto; border-left: 1px solid #d0d4da; padding: 10px 14px; background: #fbfbfc; }
aside h2 { font-size: 17px; margin: 4px 0 10px; word-break: break-all; }
aside h3 { font-size: 13px; margin: 14px 0 4px; color: #555; text-transform: uppercase; letter-spacing: .03em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 10px; margin: 0; }
dt { color: #666; }
dd { margin: 0; word-break: break-word; }
ul { margin: 0; padding-left: 18px; }
.list ul { max-height: 260px; overflow: auto; }
button.link { border: none; background: none; padding: 0; color: #1a56c4; cursor: pointer; font: inherit; text-align: left; word-break: break-all; }
button.link:hover { text-decoration: underline; }
button.link.current { font-weight: 600; }
table.properties { border-collapse: collapse; width: 100%; }
table.properties th { text-align: left; vertical-align: top; color: #555; font-weight: 500; padding: 2px 8px 2px 0; white-space: nowrap; }
table.properties td { padding: 2px 0; word-break: break-word; }
pre { margin: 0; font-size: 12px; white-space: pre-wrap; }
.hint { color: #666; font-size: 12px; line-height: 1.4; }
.targets li { margin: 4px 0; }
.loads { margin: 4px 0 8px; }
.load { margin: 3px 0; }
.load-text { font-size: 12px; color: #444; }
.bar { height: 7px; background: #e6e8ec; border-radius: 4px; overflow: hidden; }
.fill { height: 100%; background: #3b8f5a; }
.fill.high { background: #d08a16; }
.fill.over { background: #c62828; }
`;

/** The page for `data`, with `script` (the bundled client) inlined. */
export function viewPage(data: ViewData, script: string): string {
  if (/<\/script/i.test(script) || /<!--/.test(script))
    throw new DyplanError(
      'internal',
      'the view client bundle contains "</script" or "<!--"; it cannot be inlined',
    );
  const csp = [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(STYLE)}`,
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="generator" content="dyplan view">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1 id="title"></h1>
<nav id="views" role="tablist"></nav>
<div id="stats"></div>
<div id="controls"></div>
<div id="search-box"><input id="search" type="search" placeholder="Search a service (/)" autocomplete="off" spellcheck="false" aria-label="search a service" role="combobox" aria-controls="suggestions"><ul id="suggestions" role="listbox" hidden></ul><div id="search-status" role="status"></div></div>
</header>
<main>
<div id="graph" tabindex="0" aria-label="graph"><div id="zoom"></div><div id="legend"></div></div>
<aside id="panel" aria-live="polite"></aside>
</main>
<script type="application/json" id="dyplan-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** The bundled client, next to this module in dist/ (built by `npm run build`). */
export async function clientBundle(): Promise<string> {
  const url = new URL('./client.js', import.meta.url);
  try {
    return await readFile(url, 'utf8');
  } catch (error) {
    throw new DyplanError(
      'internal',
      `the view client bundle is missing (${url.pathname}): run "npm run build"`,
      {
        cause: error,
      },
    );
  }
}

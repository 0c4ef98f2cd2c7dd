/**
 * Escaping rules for DOT text, in one place, so that ANY model name (quotes, backslashes,
 * spaces, `-`, `.`, `:`, unicode) yields valid DOT. The original printed names verbatim
 * (docs/compatibility.md §8.1, bug 18); these helpers are the fix.
 *
 * Two different escapings are needed because Graphviz reads a quoted string twice for labels:
 * the DOT lexer only understands `\"` (and keeps `\\` as two characters), then the label
 * (escString) processing turns `\n` into a line break, `\\` into one backslash and decodes
 * HTML entities such as `&#8594;`.
 */

/**
 * A quoted DOT ID. Every backslash is doubled and every quote escaped, so the lexer always
 * finds the closing quote; a name ending in `\` or containing `\"` cannot be represented
 * byte-for-byte in DOT, so IDs are an injective encoding of the name rather than the name itself
 * (labels always show the real name).
 */
export function quoteId(id: string): string {
  return `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The escString text that Graphviz displays as exactly `text`: backslashes doubled (so `\N`,
 * `\n`, ... in a name stay literal), quotes escaped, `&` turned into `&amp;` (Graphviz decodes
 * entities in labels), real line breaks turned into DOT line breaks.
 */
export function labelText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/&/g, '&amp;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Joins name parts into one node ID that cannot collide with another tuple: `:` and `\` inside a
 * part are escaped, so `("a:b", "c")` and `("a", "b:c")` differ. For parts without `:`/`\` the ID
 * is the plain `a:b` form the original used (`"test2:mysql-database"`, docs/compatibility.md §8.3).
 */
export function compositeId(...parts: string[]): string {
  return parts.map((p) => p.replace(/\\/g, '\\\\').replace(/:/g, '\\:')).join(':');
}

const PLAIN_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMERAL = /^-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)$/;

/** A graph ID: bare when it is a plain DOT identifier (`G`), quoted otherwise. */
export function graphId(id: string): string {
  return PLAIN_ID.test(id) ? id : quoteId(id);
}

/** A DOT attribute value: bare when the DOT grammar allows it (`filled`, `2`), quoted otherwise. */
export function attributeValue(value: string | number | boolean): string {
  const text = String(value);
  return PLAIN_ID.test(text) || NUMERAL.test(text) ? text : quoteId(text);
}

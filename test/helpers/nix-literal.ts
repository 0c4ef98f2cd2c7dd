/**
 * A checker for the Nix that dyplan's writer prints (strings, numbers, booleans, null, lists and
 * attribute sets of quoted keys), following Nix 2.x's lexer: float literals need a dot, a negative
 * number inside a list needs parentheses, `${` must be escaped, integers are 64-bit, no NUL.
 * Returns null when `text` is valid, else what is wrong and where.
 */
const FLOAT = /^(?:[1-9][0-9]*\.[0-9]*|0?\.[0-9]+)(?:[Ee][+-]?[0-9]+)?/;
const INT = /^[0-9]+/;
const INT64_MAX = 9223372036854775807n;

export function checkNixLiteral(text: string): string | null {
  let i = 0;
  const fail = (what: string) => `${what} at offset ${i}: ${JSON.stringify(text.slice(i, i + 20))}`;
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  type Frame = { kind: 'list' } | { kind: 'attrs' };
  const stack: Frame[] = [];
  // Parses one value; containers push a frame and are continued by the loop below.
  const value = (inList: boolean): string | null => {
    space();
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\u0000') return fail('NUL in a string');
        if (text[i] === '\\') i += 2;
        else if (text[i] === '$' && text[i + 1] === '{') return fail('unescaped ${');
        else i++;
      }
      if (text[i] !== '"') return fail('unterminated string');
      i++;
      return null;
    }
    if (c === '[') {
      i++;
      stack.push({ kind: 'list' });
      return null;
    }
    if (c === '{') {
      i++;
      stack.push({ kind: 'attrs' });
      return null;
    }
    if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return null;
    }
    let negative = false;
    let parenthesised = false;
    if (c === '(') {
      parenthesised = true;
      i++;
      space();
    }
    if (text[i] === '-') {
      if (inList && !parenthesised) return fail('negative number in a list without parentheses');
      negative = true;
      i++;
    }
    const rest = text.slice(i);
    const float = FLOAT.exec(rest);
    if (float) i += float[0].length;
    else {
      const int = INT.exec(rest);
      if (!int) return fail('expected a value');
      if (BigInt(int[0]) > INT64_MAX + (negative ? 1n : 0n)) return fail('integer outside 64 bits');
      i += int[0].length;
      if (/[A-Za-z_]/.test(text[i] ?? '')) return fail('number followed by letters');
    }
    if (parenthesised) {
      space();
      if (text[i] !== ')') return fail('expected )');
      i++;
    }
    return null;
  };
  let error = value(false);
  while (error === null && stack.length > 0) {
    space();
    const top = stack[stack.length - 1];
    if (top.kind === 'list') {
      if (text[i] === ']') {
        i++;
        stack.pop();
        if (stack.length > 0 && stack[stack.length - 1].kind === 'attrs') error = semicolon();
      } else if (i >= text.length) error = fail('unterminated list');
      else error = value(true);
    } else {
      if (text[i] === '}') {
        i++;
        stack.pop();
        if (stack.length > 0 && stack[stack.length - 1].kind === 'attrs') error = semicolon();
        continue;
      }
      if (text[i] !== '"') {
        error = fail('expected a quoted attribute name');
        break;
      }
      error = value(false); // the key, a string
      if (error) break;
      space();
      if (text[i] !== '=') {
        error = fail('expected =');
        break;
      }
      i++;
      const depth = stack.length;
      error = value(false);
      if (error === null && stack.length === depth) error = semicolon();
    }
  }
  function semicolon(): string | null {
    space();
    if (text[i] !== ';') return fail('expected ;');
    i++;
    return null;
  }
  if (error) return error;
  space();
  return i === text.length ? null : fail('trailing text');
}

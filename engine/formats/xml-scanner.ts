// A small, strict, streaming XML 1.0 reader for the files the product imports (the DfE Common
// Transfer File). Text is pushed in pieces of any size; start tags, end tags and character data go to a
// handler as they are read, so memory is bounded by the deepest nesting and the longest tag, never by
// the file.
//
// It refuses what an import never needs and an attacker would use:
// - any DOCTYPE: with no document type there are no entity declarations, so nothing can expand
//   (a "billion laughs" file) or reach outside the file (external entities);
// - entity references other than the five XML predefines and character references;
// - nesting deeper than MAX_DEPTH, and tags, comments or CDATA sections longer than MAX_TOKEN;
// - an encoding declaration other than UTF-8 (the bytes are read as UTF-8: anything else would turn
//   accented names into garbage without a word);
// - anything not well-formed (mismatched or unclosed tags, bad names, duplicate attributes, a second
//   root, text outside the root, control characters) and namespace errors (an undeclared prefix).
// Every problem is an XmlError naming the line; no input makes it throw anything else.

export class XmlError extends Error {
  readonly line: number;
  /** False for a well-formed file refused on purpose (a DOCTYPE, a non-UTF-8 encoding). */
  readonly malformed: boolean;
  constructor(line: number, message: string, malformed = true) {
    super(message);
    this.line = line;
    this.malformed = malformed;
  }
}

export interface XmlHandler {
  /** An element starts. `namespace` is its namespace URI ('' for none); `name` the name as written. */
  start(local: string, namespace: string, name: string, line: number): void;
  /** The element last started ends. */
  end(): void;
  /** Character data (entities decoded) directly inside the current element; may come in several pieces. */
  text(text: string, line: number): void;
}

export const MAX_DEPTH = 100;
export const MAX_TOKEN = 1 << 20;
const MAX_NAME = 1000;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const LT = 60;
const GT = 62;
const AMP = 38;
const SEMI = 59;
const SLASH = 47;
const QUESTION = 63;
const BANG = 33;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;
const LF = 10;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === COLON || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}
/** XML 1.0 Char (surrogates arrive in pairs from the decoder). */
function isXmlChar(c: number): boolean {
  return c >= 0x20 ? c < 0xfffe : c === 9 || c === 10 || c === 13;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Scope {
  defaultNs: string;
  prefixes: Map<string, string>;
}
interface Open {
  name: string;
  line: number;
  scope: Scope;
}

const ROOT_SCOPE: Scope = { defaultNs: '', prefixes: new Map([['xml', XML_NS]]) };

export class XmlScanner {
  private readonly handler: XmlHandler;
  private carry = '';
  private line = 1;
  private readonly stack: Open[] = [];
  private sawRoot = false;
  private rootClosed = false;
  private atDocumentStart = true;
  /** Anything other than white space was seen (an empty file is told apart from a malformed one). */
  sawContent = false;

  constructor(handler: XmlHandler) {
    this.handler = handler;
  }

  push(text: string): void {
    this.scan(this.carry === '' ? text : this.carry + text, false);
  }

  end(): void {
    this.scan(this.carry, true);
    const open = this.stack[this.stack.length - 1];
    if (open) throw new XmlError(this.line, `the file ends before <${open.name}> (line ${open.line}) is closed`);
    if (!this.sawRoot) {
      if (!this.sawContent) throw new XmlError(1, 'the file is empty', false);
      throw new XmlError(this.line, 'no root element');
    }
  }

  /** Reads whole tokens from s; keeps an incomplete one for the next push. */
  private scan(s: string, final: boolean): void {
    const n = s.length;
    let p = 0;
    this.carry = '';
    while (p < n) {
      const c = s.charCodeAt(p);
      let next: number;
      if (c === LT) next = this.markup(s, p, final);
      else next = this.chars(s, p, final);
      if (next < 0) {
        // Incomplete token: wait for more (bounded).
        if (n - p > MAX_TOKEN) throw new XmlError(this.line, `a tag, comment or CDATA section longer than ${MAX_TOKEN / (1 << 20)} MiB`);
        this.carry = s.slice(p);
        return;
      }
      p = next;
    }
  }

  /** Counts line breaks in s[a, b) and refuses characters XML does not allow. */
  private consume(s: string, a: number, b: number): void {
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c === LF) this.line++;
      else if (!isXmlChar(c)) {
        throw new XmlError(this.line, `a control character (code ${c}) is not allowed in XML`);
      }
    }
  }

  /** Character data from p to the next `<`. Returns the next position, or -1 to wait for more. */
  private chars(s: string, p: number, final: boolean): number {
    let end = s.indexOf('<', p);
    if (end < 0) {
      end = s.length;
      if (!final) {
        // Keep a possibly incomplete entity reference for the next piece.
        const amp = s.lastIndexOf('&', end - 1);
        if (amp >= p && s.indexOf(';', amp) < 0) {
          if (amp === p) return end - p > 32 ? this.badEntity(s, p) : -1;
          end = amp;
        }
      }
    }
    const line = this.line;
    this.consume(s, p, end);
    const raw = s.slice(p, end);
    if (raw.includes(']]>')) throw new XmlError(line, '"]]>" is not allowed in text');
    const text = raw.includes('&') ? this.decode(raw, line) : raw;
    if (this.stack.length === 0) {
      for (let i = 0, at = line; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === LF) at++;
        else if (!isSpace(c)) throw new XmlError(at, 'text outside the root element');
      }
      if (raw.length > 0) this.atDocumentStart = false;
      return end;
    }
    if (text !== '') this.handler.text(text, line);
    return end;
  }

  private badEntity(s: string, p: number): never {
    throw new XmlError(this.line, `an "&" that does not start an entity reference (write &amp;): ${JSON.stringify(s.slice(p, p + 20))}`);
  }

  /** Decodes entity and character references. */
  private decode(raw: string, line: number): string {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
      const semi = raw.indexOf(';', amp);
      if (semi < 0 || semi - amp > 32) throw new XmlError(line, `an "&" that does not start an entity reference (write &amp;)`);
      out += raw.slice(from, amp);
      const ref = raw.slice(amp + 1, semi);
      if (ref.charCodeAt(0) === 35 /* # */) {
        const hex = ref.charCodeAt(1) === 120; /* x */
        const digits = ref.slice(hex ? 2 : 1);
        const valid = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
        const code = valid ? parseInt(digits, hex ? 16 : 10) : -1;
        if (!(code >= 0 && code <= 0x10ffff && (code > 0xffff || (isXmlChar(code) && (code < 0xd800 || code > 0xdfff))))) {
          throw new XmlError(line, `&${ref}; is not a character XML allows`);
        }
        out += String.fromCodePoint(code);
      } else {
        const ch = PREDEFINED[ref];
        if (ch === undefined) {
          throw new XmlError(
            line,
            `unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and character references like &#233; are read)`,
          );
        }
        out += ch;
      }
      from = semi + 1;
    }
    return out + raw.slice(from);
  }

  /** Markup starting with `<` at p. Returns the next position, or -1 to wait for more. */
  private markup(s: string, p: number, final: boolean): number {
    const n = s.length;
    const incomplete = (what: string): number => {
      if (!final) return -1;
      throw new XmlError(this.line, `the file ends inside ${what}`);
    };
    if (p + 1 >= n) return incomplete('a tag');
    const c1 = s.charCodeAt(p + 1);
    this.sawContent = true;
    if (c1 === QUESTION) {
      const end = s.indexOf('?>', p + 2);
      if (end < 0) return incomplete('a processing instruction (<?…?>)');
      this.instruction(s, p, end);
      return end + 2;
    }
    if (c1 === BANG) {
      const head = s.slice(p, p + 9);
      if (head.startsWith('<!--')) {
        const end = s.indexOf('-->', p + 4);
        if (end < 0) return incomplete('a comment');
        const line = this.line;
        this.consume(s, p, end + 3);
        const dashes = s.indexOf('--', p + 4);
        if (dashes < end || (end > p + 4 && s.charCodeAt(end - 1) === 45)) throw new XmlError(line, '"--" is not allowed inside a comment');
        this.atDocumentStart = false;
        return end + 3;
      }
      if (head === '<![CDATA[') {
        const end = s.indexOf(']]>', p + 9);
        if (end < 0) return incomplete('a CDATA section');
        const line = this.line;
        if (this.stack.length === 0) throw new XmlError(line, 'a CDATA section outside the root element');
        this.consume(s, p, end + 3);
        const text = s.slice(p + 9, end);
        if (text !== '') this.handler.text(text, line);
        return end + 3;
      }
      if (head === '<!DOCTYPE') {
        throw new XmlError(
          this.line,
          'a DOCTYPE (document type declaration) is not allowed: a Common Transfer File needs none, and one could declare entities that expand without limit',
          false,
        );
      }
      if (!final && head.length < 9 && ['<!--', '<![CDATA[', '<!DOCTYPE'].some((t) => t.startsWith(head))) return -1;
      throw new XmlError(this.line, 'markup declarations (<!…>) are not allowed here');
    }
    // A start or end tag: find its closing `>` outside quoted attribute values.
    let q = p + 1;
    let quote = 0;
    for (; q < n; q++) {
      const c = s.charCodeAt(q);
      if (quote !== 0) {
        if (c === quote) quote = 0;
        else if (c === LT) break;
      } else if (c === DQUOTE || c === SQUOTE) quote = c;
      else if (c === GT || c === LT) break;
    }
    if (q >= n) return incomplete('a tag');
    if (s.charCodeAt(q) === LT) throw new XmlError(this.line, `"<" inside a tag (${JSON.stringify(s.slice(p, Math.min(q, p + 40)))})`);
    const line = this.line;
    this.consume(s, p, q + 1);
    if (c1 === SLASH) this.endTag(s, p + 2, q, line);
    else this.startTag(s, p + 1, q, line);
    return q + 1;
  }

  /** `<?target …?>` between p and end (the `?` of `?>`). */
  private instruction(s: string, p: number, end: number): void {
    const line = this.line;
    let i = p + 2;
    while (i < end && isNameChar(s.charCodeAt(i))) i++;
    const target = s.slice(p + 2, i);
    if (target === '' || !isNameStart(target.charCodeAt(0))) throw new XmlError(line, 'a processing instruction without a name');
    this.consume(s, p, end + 2);
    if (target.toLowerCase() === 'xml') {
      if (target !== 'xml' || !this.atDocumentStart) {
        throw new XmlError(line, 'the XML declaration (<?xml …?>) may only open the file');
      }
      const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(s.slice(i, end));
      if (encoding && encoding[2]!.toLowerCase() !== 'utf-8' && encoding[2]!.toLowerCase() !== 'utf8') {
        throw new XmlError(line, `the file says it is encoded as ${JSON.stringify(encoding[2])}; only UTF-8 is read (save the file as UTF-8)`, false);
      }
    }
    this.atDocumentStart = false;
  }

  private name(s: string, a: number, b: number, line: number): number {
    if (a >= b || !isNameStart(s.charCodeAt(a))) {
      throw new XmlError(line, `a tag without a valid name (${JSON.stringify(s.slice(a - 1, Math.min(b + 1, a + 40)))})`);
    }
    let i = a + 1;
    while (i < b && isNameChar(s.charCodeAt(i))) i++;
    if (i - a > MAX_NAME) throw new XmlError(line, `a name longer than ${MAX_NAME} characters`);
    return i;
  }

  private endTag(s: string, a: number, b: number, line: number): void {
    const nameEnd = this.name(s, a, b, line);
    for (let i = nameEnd; i < b; i++) {
      if (!isSpace(s.charCodeAt(i))) throw new XmlError(line, `unexpected text in the end tag </${s.slice(a, nameEnd)}>`);
    }
    const name = s.slice(a, nameEnd);
    const open = this.stack.pop();
    if (open === undefined) throw new XmlError(line, `</${name}> closes nothing`);
    if (open.name !== name) throw new XmlError(line, `</${name}> does not close <${open.name}> (line ${open.line})`);
    this.handler.end();
    if (this.stack.length === 0) this.rootClosed = true;
  }

  private startTag(s: string, a: number, b: number, line: number): void {
    let end = b;
    const selfClosing = s.charCodeAt(b - 1) === SLASH;
    if (selfClosing) end = b - 1;
    const nameEnd = this.name(s, a, end, line);
    const name = s.slice(a, nameEnd);
    if (this.rootClosed) throw new XmlError(line, `<${name}> after the root element has closed (a file has one root element)`);
    if (this.stack.length >= MAX_DEPTH) throw new XmlError(line, `elements nested more than ${MAX_DEPTH} deep`);

    // Attributes: name S? = S? "value" | 'value', separated by white space, each name once.
    const attributes: [string, string][] = [];
    let i = nameEnd;
    for (;;) {
      const before = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) break;
      if (i === before) throw new XmlError(line, `white space is missing before an attribute in <${name}>`);
      const attrEnd = this.name(s, i, end, line);
      const attr = s.slice(i, attrEnd);
      i = attrEnd;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== EQUALS) throw new XmlError(line, `attribute ${attr} in <${name}> has no value`);
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      const quote = s.charCodeAt(i);
      if (quote !== DQUOTE && quote !== SQUOTE) throw new XmlError(line, `the value of attribute ${attr} in <${name}> is not quoted`);
      const close = s.indexOf(String.fromCharCode(quote), i + 1);
      if (close < 0 || close >= end) throw new XmlError(line, `the value of attribute ${attr} in <${name}> is not closed`);
      const raw = s.slice(i + 1, close);
      if (attributes.some(([n]) => n === attr)) throw new XmlError(line, `attribute ${attr} appears twice in <${name}>`);
      attributes.push([attr, raw.includes('&') ? this.decode(raw, line) : raw]);
      i = close + 1;
    }

    // Namespaces (Namespaces in XML 1.0): declarations first, then every prefix must be declared.
    const parent = this.stack[this.stack.length - 1]?.scope ?? ROOT_SCOPE;
    let scope = parent;
    for (const [attr, value] of attributes) {
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
        if (scope === parent) scope = { defaultNs: parent.defaultNs, prefixes: new Map(parent.prefixes) };
        if (attr === 'xmlns') scope.defaultNs = value;
        else {
          const prefix = attr.slice(6);
          if (value === '' || prefix === 'xmlns' || prefix.includes(':') || (prefix === 'xml') !== (value === XML_NS)) {
            throw new XmlError(line, `namespace declaration ${attr}="${value}" in <${name}> is not allowed`);
          }
          scope.prefixes.set(prefix, value);
        }
      }
    }
    const resolve = (qname: string, isElement: boolean): [string, string] => {
      const colon = qname.indexOf(':');
      if (colon < 0) return [qname, isElement ? scope.defaultNs : ''];
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (prefix === '' || local === '' || local.includes(':')) throw new XmlError(line, `${qname} is not a valid qualified name`);
      if (prefix === 'xmlns') {
        if (isElement) throw new XmlError(line, `<${qname}>: the xmlns prefix is reserved`);
        return [local, XMLNS_NS];
      }
      const ns = scope.prefixes.get(prefix);
      if (ns === undefined) throw new XmlError(line, `the namespace prefix "${prefix}" in ${isElement ? `<${qname}>` : qname} is not declared`);
      return [local, ns];
    };
    for (const [attr] of attributes) if (attr !== 'xmlns') resolve(attr, false);
    const [local, namespace] = resolve(name, true);

    this.sawRoot = true;
    this.atDocumentStart = false;
    this.stack.push({ name, line, scope });
    this.handler.start(local, namespace, name, line);
    if (selfClosing) {
      this.stack.pop();
      this.handler.end();
      if (this.stack.length === 0) this.rootClosed = true;
    }
  }
}

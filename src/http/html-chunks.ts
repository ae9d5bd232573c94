import { Eta } from 'eta';

/**
 * Pieces of at most about this many UTF-16 units. V8 copies a string built by concatenation into one flat
 * string before encoding it; past 64K units of two-byte text (any Arabic makes the whole page two-byte)
 * that copy goes to the large-object space and costs several times more per character. A 100 kB dashboard
 * spent longer there than in rendering its rows.
 */
export const HTML_CHUNK_UNITS = 16_384;

/** Template output kept as pieces below HTML_CHUNK_UNITS, each flattened and encoded on its own. */
export class HtmlChunks {
  readonly #parts: string[] = [];
  #tail = '';

  add(value: unknown): this {
    if (value instanceof HtmlChunks) {
      this.#flushTail();
      this.#parts.push(...value.parts());
      return this;
    }
    // The same conversion as the `+=` Eta compiles to.
    const text = '' + value;
    if (text.length >= HTML_CHUNK_UNITS) {
      // Kept as it is rather than joined to the tail: a long value is already flat.
      this.#flushTail();
      this.#parts.push(text);
      return this;
    }
    this.#tail += text;
    if (this.#tail.length >= HTML_CHUNK_UNITS) this.#flushTail();
    return this;
  }

  parts(): readonly string[] {
    this.#flushTail();
    return this.#parts;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts().map((part) => Buffer.from(part)));
  }

  toString(): string {
    return this.parts().join('');
  }

  #flushTail(): void {
    if (this.#tail) this.#parts.push(this.#tail);
    this.#tail = '';
  }
}

/** Output appended the way Eta's `__eta.res += value` does, becoming HtmlChunks once it grows long. */
export function appendHtml(output: string | HtmlChunks, value: unknown): string | HtmlChunks {
  if (typeof output !== 'string') return output.add(value);
  // The common case first: a short string onto a short page.
  if (typeof value === 'string' ? value.length >= HTML_CHUNK_UNITS : value instanceof HtmlChunks) return new HtmlChunks().add(output).add(value);
  const joined = output + value;
  return joined.length < HTML_CHUNK_UNITS ? joined : new HtmlChunks().add(joined);
}

type TemplateBlock = Parameters<Eta['compileBody']>[0][number];

/**
 * Eta whose templates append through appendHtml: an include or a layout's body travels as HtmlChunks, and
 * a page is never one long string. render() still answers a string to its callers; renderHtml() keeps the
 * pieces for a response.
 */
export class ChunkedEta extends Eta {
  readonly appendHtml = appendHtml;

  // Eta's own compileBody (eta/src/compile-string.ts), with `__eta.res = __eta_append(__eta.res, …)` for `__eta.res += …`.
  override compileBody: Eta['compileBody'] = function (blocks: TemplateBlock[]): string {
    const config = this.config;
    // Taken once: `this` is not the renderer inside a template's own callbacks (forEach(function …)).
    let body = 'const __eta_append=this.appendHtml;\n';
    for (const block of blocks) {
      if (typeof block === 'string') {
        body += `__eta.res=__eta_append(__eta.res,'${block}');\n`;
        continue;
      }
      let content = block.val || '';
      if (config.debug) body += `__eta.line=${block.lineNo}\n`;
      if (block.t === 'r' || block.t === 'i') {
        if (config.autoFilter) content = `__eta.f(${content})`;
        if (block.t === 'i' && config.autoEscape) content = `__eta.e(${content})`;
        body += `__eta.res=__eta_append(__eta.res,${content});\n`;
      } else if (block.t === 'e') {
        body += content + '\n';
      } else if (Object.hasOwn(config.customTags, block.t)) {
        body += `__eta.res=__eta_append(__eta.res,this.config.customTags[${JSON.stringify(block.t)}](${JSON.stringify(content)},${config.varName}));\n`;
      }
    }
    return body;
  };

  readonly #renderPieces: Eta['render'];

  constructor(config?: ConstructorParameters<typeof Eta>[0]) {
    super(config);
    // Eta's methods are instance fields: its render is kept before this one replaces it.
    const renderPieces = this.render;
    this.#renderPieces = (template, data, meta) => renderPieces.call(this as never, template, data, meta);
    this.#rememberResolvedPaths();
    // Includes and layouts pass their options (meta) and get the pieces; any other caller gets a string.
    this.render = (template, data, meta) => {
      const output: string | HtmlChunks = this.#renderPieces(template, data, meta);
      return meta === undefined ? String(output) : (output as string);
    };
  }

  /**
   * Eta resolves a template's path on every render and include (JSON, path.join, path.relative): a pure
   * function of the names, the same for every request, so each answer is kept.
   */
  #rememberResolvedPaths(): void {
    const resolvePath = this.resolvePath;
    if (!resolvePath) return;
    const resolved = new Map<string, string>();
    this.resolvePath = (templatePath, options) => {
      const key = `${options?.filepath ?? ''}\0${templatePath}`;
      let filePath = resolved.get(key);
      if (filePath === undefined) {
        filePath = resolvePath.call(this as never, templatePath, options);
        resolved.set(key, filePath);
      }
      return filePath;
    };
  }

  /** The page as a string when short, or in pieces, for a response to encode piece by piece. */
  renderHtml(template: string, data: object): string | HtmlChunks {
    return this.#renderPieces(template, data, { filepath: '' });
  }
}

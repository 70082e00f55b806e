/**
 * Two fast paths for pdfmake's hottest spots, installed once when pdfmake is loaded. Both give the same
 * pages as stock pdfmake (a test compares the two); they only do less work to get there. pdfmake is
 * pinned to an exact version, and if its internals ever change shape the stock code is kept.
 *
 * 1. Drawing: pdfmake lays text out word by word and then draws every word with its own pdfkit text()
 *    call (its renderer marks joining them as a to-do). Runs of words that look alike and sit side by
 *    side are drawn as one call, on a copy of the line; the layout is untouched.
 * 2. Styles: pdfmake looks up some twenty style properties for every word, and each lookup allocates a
 *    closure and a Set while walking the whole style stack. The same walk without the allocations, and
 *    remembered until the stack next changes: the words of one text share one stack, so a text's
 *    twenty walks serve all its words.
 */

type Require = (id: string) => any;

const INSTALLED = Symbol.for('irready.pdfmake-speed');

/** Returns the fast paths now in place (for tests); `IRREADY_STOCK_PDFMAKE=1` keeps stock pdfmake. */
export function speedUpPdfmake(require: Require): string[] {
  if (process.env.IRREADY_STOCK_PDFMAKE) return [];
  const installed: string[] = [];
  const Renderer = internal(require, 'pdfmake/js/Renderer.js');
  const renderLine = Renderer?.prototype?.renderLine;
  if (typeof renderLine === 'function') {
    if (!renderLine[INSTALLED]) {
      const joined = function (this: unknown, line: any, x: number, y: number) {
        return renderLine.call(this, joinedLine(line), x, y);
      };
      (joined as any)[INSTALLED] = true;
      Renderer.prototype.renderLine = joined;
    }
    installed.push('draw runs of like words');
  }
  const Styles = internal(require, 'pdfmake/js/StyleContextStack.js');
  if (typeof Styles?.prototype?.getProperty === 'function' && typeof Styles.getStyleProperty === 'function' && typeof Styles.prototype.autopush === 'function') {
    if (!Styles.prototype.getProperty[INSTALLED]) {
      const { push, pop } = Styles.prototype;
      Styles.prototype.push = function (this: any, style: unknown) {
        this[MEMO] = undefined;
        return push.call(this, style);
      };
      Styles.prototype.pop = function (this: any, howMany?: number) {
        this[MEMO] = undefined;
        return pop.call(this, howMany);
      };
      Styles.prototype.getProperty = Object.assign(getProperty, { [INSTALLED]: true });
      Styles.getStyleProperty = getStyleProperty;
    }
    installed.push('style lookup without allocations');
  }
  return installed;
}

function internal(require: Require, id: string): any {
  try {
    return require(id).default;
  } catch {
    return undefined;
  }
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const isString = (v: unknown): boolean => typeof v === 'string' || v instanceof String;

/** A property from a named style, following `extends` (pdfmake's own order: the last parent first). */
function fromNamedStyle(dictionary: Record<string, any>, name: string, property: string, visited?: Set<string>): unknown {
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = visited ?? new Set<string>();
  seen.add(name);
  const parents: string[] = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    if (seen.has(parents[i])) continue;
    const value = fromNamedStyle(dictionary, parents[i], property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

function getProperty(this: any, property: string): unknown {
  const overrides: unknown[] | undefined = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item: any = overrides[i];
      if (isString(item)) {
        const value = fromNamedStyle(this.styleDictionary, String(item), property);
        if (isValue(value)) return value;
      } else if (isValue(item[property])) return item[property];
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

/** Where a style stack remembers its lookups; cleared by every push and pop. */
const MEMO = Symbol('irready.style-memo');

function getStyleProperty(item: any, stack: any, property: string, defaultValue: unknown): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
  if (item.style === undefined || item.style === null) {
    // Pushing an item without named styles only adds the item, which lacks the property: the answer
    // is the stack's own, the same for every such word of a text.
    let memo: Map<string, unknown> | undefined = stack[MEMO];
    if (!memo) stack[MEMO] = memo = new Map();
    let value = memo.get(property);
    if (value === undefined && !memo.has(property)) memo.set(property, (value = stack.getProperty(property)));
    return isValue(value) ? value : defaultValue;
  }
  const pushed: number = stack.autopush(item);
  const value = stack.getProperty(property);
  if (pushed > 0) stack.pop(pushed);
  return isValue(value) ? value : defaultValue;
}

/** The line with each run of like, adjacent words joined into one; the line itself if there is none. */
export function joinedLine(line: any): any {
  const inlines: any[] | undefined = line?.inlines;
  if (!Array.isArray(inlines) || inlines.length < 2) return line;
  let runs: any[] | undefined;
  let i = 0;
  while (i < inlines.length) {
    const first = inlines[i];
    let j = i + 1;
    let text = first.text;
    while (j < inlines.length && joinable(inlines[j - 1], inlines[j])) text += inlines[j++].text;
    if (j - i > 1) {
      runs ??= inlines.slice(0, i);
      const run = Object.assign({}, first);
      run.text = text;
      run.width = inlines[j - 1].x + inlines[j - 1].width - first.x;
      runs.push(run);
    } else runs?.push(first);
    i = j;
  }
  if (!runs) return line;
  const copy = Object.create(line);
  copy.inlines = runs;
  return copy;
}

/** Whether b can be drawn as part of a: it starts where a ends and nothing about its look differs. */
function joinable(a: any, b: any): boolean {
  return (
    typeof a.text === 'string' &&
    typeof b.text === 'string' &&
    Math.abs(a.x + a.width - b.x) < 0.001 &&
    a.font === b.font &&
    a.fontSize === b.fontSize &&
    a.height === b.height && // the line's height (backgrounds, underlines) comes from its first inline
    a.color === b.color &&
    a.opacity === b.opacity &&
    // PDF letter spacing also follows a word's last letter, which pdfmake's word widths leave out.
    !a.characterSpacing &&
    !b.characterSpacing &&
    a.fontFeatures === b.fontFeatures &&
    a.link === b.link &&
    a.linkToPage === b.linkToPage &&
    a.linkToDestination === b.linkToDestination &&
    a.sup === b.sup &&
    a.sub === b.sub &&
    a.background === b.background &&
    a.decoration === b.decoration &&
    a.decorationColor === b.decorationColor &&
    a.decorationStyle === b.decorationStyle &&
    a.decorationThickness === b.decorationThickness &&
    !a._pageNodeRef &&
    !b._pageNodeRef &&
    !a.justifyShift &&
    !b.justifyShift
  );
}

/**
 * Two fast paths for pdfmake's hottest spots, installed once when pdfmake is loaded. Both give the same
 * pages as stock pdfmake (a test compares the two); they only do less work to get there. pdfmake is
 * pinned to an exact version, and if its internals ever change shape the stock code is kept.
 *
 * 1. Drawing: pdfmake lays text out word by word and then draws every word with its own pdfkit text()
 *    call (its renderer marks joining them as a to-do). Runs of words that look alike and sit side by
 *    side are drawn as one call, on a copy of the line; the layout is untouched.
 * 2. Styles: pdfmake looks up some twenty style properties for every word, and each lookup allocates a
 *    closure and a Set while walking the style stack. The same walk without the allocations.
 */

type Require = (id: string) => any;

/** Everything about a laid-out word that changes how pdfkit draws it, bar its text, place and width. */
const LOOK = ['font', 'fontSize', 'color', 'opacity', 'characterSpacing', 'fontFeatures', 'link', 'linkToPage', 'linkToDestination', 'sup', 'sub', 'background', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness'] as const;

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

function getStyleProperty(item: any, stack: any, property: string, defaultValue: unknown): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
  const pushed: number = stack.autopush(item);
  const value = stack.getProperty(property);
  if (pushed > 0) stack.pop(pushed);
  return isValue(value) ? value : defaultValue;
}

/** The line with each run of like, adjacent words joined into one; the line itself if there is none. */
export function joinedLine(line: any): any {
  const inlines: any[] | undefined = line?.inlines;
  if (!Array.isArray(inlines) || inlines.length < 2) return line;
  const runs: any[] = [];
  let i = 0;
  while (i < inlines.length) {
    let j = i + 1;
    while (j < inlines.length && joinable(inlines[j - 1], inlines[j])) j++;
    if (j - i === 1) runs.push(inlines[i]);
    else {
      const run = Object.assign({}, inlines[i]);
      run.text = inlines.slice(i, j).map((inline) => inline.text).join('');
      run.width = inlines[j - 1].x + inlines[j - 1].width - inlines[i].x;
      runs.push(run);
    }
    i = j;
  }
  if (runs.length === inlines.length) return line;
  const copy = Object.create(line);
  copy.inlines = runs;
  return copy;
}

function joinable(a: any, b: any): boolean {
  if (a._pageNodeRef || b._pageNodeRef || a.justifyShift || b.justifyShift) return false;
  if (typeof a.text !== 'string' || typeof b.text !== 'string') return false;
  if (Math.abs(a.x + a.width - b.x) > 0.001) return false;
  for (const key of LOOK) if (a[key] !== b[key]) return false;
  return true;
}

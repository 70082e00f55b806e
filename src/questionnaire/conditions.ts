/**
 * visibleIf conditions as plain data, evaluated without survey-core.
 *
 * Loading survey-core takes longer than scoring a whole answers file, and scoring needs it for one thing
 * only: whether a question is visible. So when a questionnaire is checked (with survey-core loaded
 * anyway), each condition is parsed by SurveyJS's own parser and kept as a small tree in the plan. At
 * scoring time that tree is evaluated here with SurveyJS's rules, for the values whose meaning is
 * beyond doubt: numbers, booleans, words without digits, lists of those. For anything else (dates,
 * numbers typed as text, objects, functions in the condition) the evaluator says "undecided" and the
 * plan asks survey-core after all. A property test holds the two to the same answers.
 */

/** Values the evaluator decides on; anything else is undecided. */
export type Plain = null | number | boolean | string | Plain[];

export type Condition =
  | { op: 'var'; name: string }
  | { op: 'const'; value: Plain }
  | { op: 'array'; items: Condition[] }
  | { op: 'negate' | 'empty' | 'notempty'; arg: Condition }
  | { op: BinaryOp; left: Condition; right: Condition };

const BINARY = ['and', 'or', 'equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal', 'anyof', 'allof', 'noneof', 'contains', 'notcontains'] as const;
type BinaryOp = (typeof BINARY)[number];
const UNARY = new Set(['negate', 'empty', 'notempty']);

/**
 * A SurveyJS operand tree (from survey-core's ConditionsParser) as a Condition; undefined when it uses
 * anything this module does not evaluate (functions, arithmetic, unusual constants).
 */
export function conditionFromOperand(operand: any, inBooleanPlace = true): Condition | undefined {
  if (!operand || typeof operand.getType !== 'function') return undefined;
  switch (operand.getType()) {
    case 'variable': {
      const name = operand.variableName;
      // Plain names only: paths ("a.b", "a[0]") and "{#a}" (no conversion) take SurveyJS's own route.
      if (operand.useValueAsItIs || typeof name !== 'string' || !/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
      return { op: 'var', name };
    }
    case 'const': {
      const value = operand.evaluate();
      return isPlain(value) ? { op: 'const', value } : undefined;
    }
    case 'array': {
      const items = (operand.values ?? []).map((item: unknown) => conditionFromOperand(item, false));
      return items.every(Boolean) ? { op: 'array', items } : undefined;
    }
    case 'unary': {
      const arg = conditionFromOperand(operand.expression, operand.operatorName === 'negate');
      return arg && UNARY.has(operand.operatorName) ? { op: operand.operatorName, arg } : undefined;
    }
    case 'binary': {
      if (!(BINARY as readonly string[]).includes(operand.operatorName)) return undefined;
      // SurveyJS parses "and" and "or" as arithmetic (with its empty-value conversion, below); any other
      // arithmetic, or a version that parses them otherwise, is left to survey-core.
      const conjunction = operand.operatorName === 'and' || operand.operatorName === 'or';
      if (Boolean(operand.isArithmetic) !== conjunction) return undefined;
      // An "and"/"or" yields one of its operands (or SurveyJS's stand-in for an empty one); compared
      // with something else that value follows rules not worth copying, so only its truth is used here.
      if (conjunction && !inBooleanPlace) return undefined;
      const left = conditionFromOperand(operand.left, conjunction);
      const right = conditionFromOperand(operand.right, conjunction);
      return left && right ? { op: operand.operatorName, left, right } : undefined;
    }
    default:
      return undefined;
  }
}

const UNDECIDED = Symbol('undecided');
type Value = Plain | undefined | typeof UNDECIDED;

/** true or false as SurveyJS would answer; undefined when the values are beyond this evaluator. */
export function evaluateCondition(condition: Condition, values: Readonly<Record<string, unknown>>): boolean | undefined {
  const result = evaluate(condition, values);
  // SurveyJS's ConditionRunner answers `result == true` (so `{a} and {b}` with a = 2 is false).
  // eslint-disable-next-line eqeqeq
  return result === UNDECIDED ? undefined : result == true;
}

function evaluate(c: Condition, values: Readonly<Record<string, unknown>>): Value {
  switch (c.op) {
    case 'const':
      return c.value;
    case 'var':
      return variable(c.name, values);
    case 'array': {
      const items: Plain[] = [];
      for (const item of c.items) {
        const v = evaluate(item, values);
        if (v === UNDECIDED) return UNDECIDED;
        items.push(v ?? null);
      }
      return items;
    }
    case 'negate':
    case 'empty':
    case 'notempty': {
      const v = evaluate(c.arg, values);
      if (v === UNDECIDED) return UNDECIDED;
      if (c.op === 'negate') return !v;
      return c.op === 'empty' ? isEmpty(v) : !isEmpty(v);
    }
    default: {
      const left = evaluate(c.left, values);
      const right = evaluate(c.right, values);
      if (left === UNDECIDED || right === UNDECIDED) return UNDECIDED;
      return binary(c.op, left ?? null, right ?? null);
    }
  }
}

/** A question's value as SurveyJS's Variable operand reads it, or UNDECIDED. */
function variable(name: string, values: Readonly<Record<string, unknown>>): Value {
  // SurveyJS matches names in any case, taking the first such key, and also reads paths ("a.b",
  // "a[0]"): if any other key could be what it finds, leave the answer to it.
  const lower = name.toLowerCase();
  for (const key of Object.keys(values)) {
    const otherCase = key.length === name.length && key !== name && key.toLowerCase() === lower;
    const path = key.length > name.length && (key[name.length] === '.' || key[name.length] === '[') && key.slice(0, name.length).toLowerCase() === lower;
    if (otherCase || path) return UNDECIDED;
  }
  if (!Object.prototype.hasOwnProperty.call(values, name)) return null;
  const value = values[name];
  if (value === null) return null;
  return isPlain(value) ? value : UNDECIDED;
}

/**
 * Values with one meaning to SurveyJS: finite numbers, booleans, null, and text that SurveyJS would not
 * turn into a number, a boolean, a date or nothing (no digits, no quotes, not "true"/"false" or
 * "undefined", no edge spaces).
 */
export function isPlain(value: unknown): value is Plain {
  if (value === null) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'boolean') return true;
  // "undefined" too: SurveyJS's comparisons read that text as no value at all.
  if (typeof value === 'string') return /^[^\d\s'"](?:[^\d'"]*[^\d\s'"])?$/.test(value) && !/^(true|false)$/i.test(value) && value !== 'undefined';
  if (Array.isArray(value)) return value.every((item) => item !== null && !Array.isArray(item) && isPlain(item));
  return false;
}

function isEmpty(v: Plain | undefined): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return !v && v !== 0 && v !== false;
}

/** SurveyJS's equality (case-insensitive, trimmed text) for two plain scalars; undefined for mixed kinds. */
function same(a: Plain, b: Plain): boolean | undefined {
  if (a === b) return true;
  if (a === null || b === null) return false; // one empty, the other not ("" is not plain)
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'number' && typeof b === 'number') return false;
  if (typeof a === 'boolean' && typeof b === 'boolean') return false;
  return undefined;
}

function binary(op: BinaryOp, left: Plain, right: Plain): Value {
  switch (op) {
    case 'and':
    case 'or': {
      const a = forArithmetic(left, right);
      const b = forArithmetic(right, a);
      return op === 'and' ? a && b : a || b;
    }
    case 'equal':
    case 'notequal': {
      if (Array.isArray(left) || Array.isArray(right)) return UNDECIDED; // order-free list equality: SurveyJS's call
      const eq = same(left, right);
      if (eq === undefined) return UNDECIDED;
      return op === 'equal' ? eq : !eq;
    }
    case 'greater':
    case 'less':
    case 'greaterorequal':
    case 'lessorequal': {
      if (op === 'greaterorequal' || op === 'lessorequal') {
        if (left === null && right === null) return true;
      }
      if (left === null || right === null) return false;
      if (typeof left !== 'number' || typeof right !== 'number') return UNDECIDED;
      if (op === 'greater') return left > right;
      if (op === 'less') return left < right;
      return op === 'greaterorequal' ? left >= right : left <= right;
    }
    case 'contains':
      return contains(left, right, true);
    case 'notcontains':
      if (!left && !isEmpty(right)) return true;
      return contains(left, right, false);
    case 'anyof':
    case 'noneof': {
      const any = anyOf(left, right);
      if (any === UNDECIDED) return UNDECIDED;
      return op === 'anyof' ? any : !any;
    }
    case 'allof': {
      if (!left && !isEmpty(right)) return false;
      if (!Array.isArray(right)) return contains(left, right, true);
      for (const item of right) {
        const has = contains(left, item, true);
        if (has !== true) return has;
      }
      return true;
    }
  }
}

/** SurveyJS's arithmetic treatment of an empty operand: it becomes 0, "" or [] to match the other. */
function forArithmetic(value: Plain, other: Plain): Plain {
  if (!isEmpty(value)) return value;
  if (typeof other === 'number') return 0;
  if (typeof value === 'string') return value;
  if (typeof other === 'string') return '';
  if (Array.isArray(other)) return [];
  return 0;
}

function anyOf(left: Plain, right: Plain): Value {
  if (isEmpty(left) && isEmpty(right)) return true;
  if (isEmpty(left)) return false;
  if (isEmpty(right)) return true;
  if (!Array.isArray(left)) return contains(right, left, true);
  if (!Array.isArray(right)) return contains(left, right, true);
  for (const item of right) {
    const has = contains(left, item, true);
    if (has !== false) return has;
  }
  return false;
}

/** SurveyJS's containsCore: list membership, or a substring for text. */
function contains(left: Plain, right: Plain, isContains: boolean): Value {
  if (Array.isArray(left) && left.length === 0) return !isContains;
  if (!left && left !== 0 && left !== false) return false;
  if (Array.isArray(left)) {
    const wanted = Array.isArray(right) ? right : [right];
    for (const r of wanted) {
      let found = false;
      for (const l of left) {
        const eq = same(l, r);
        if (eq === undefined) return UNDECIDED;
        if (eq) {
          found = true;
          break;
        }
      }
      if (!found) return !isContains;
    }
    return isContains;
  }
  if (typeof left !== 'string') return UNDECIDED; // SurveyJS turns numbers and booleans into text here
  if (!right) return false;
  if (Array.isArray(right)) return UNDECIDED;
  const found = left.toLowerCase().includes(String(right).toLowerCase());
  return isContains ? found : !found;
}

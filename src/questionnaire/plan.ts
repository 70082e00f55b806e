import type { Condition } from './conditions.js';
import type { Stage } from '../model/taxonomy.js';

/** How a question's answer is read and scored. */
export type AnswerKind = 'choice' | 'boolean' | 'number' | 'checklist' | 'matrix' | 'text';

export interface PlanChoice {
  value: string;
  /** Set when the questionnaire gives the value as a number, so that answers must too. */
  numeric?: true;
  text: string;
  /** 0-4 on single choice and matrix columns; a weight on checklists; absent for "not applicable". */
  score?: number;
}

export interface PlanRow {
  value: string;
  text: string;
  weight: number;
}

export interface Band {
  min: number;
  score: number;
}

export interface PlanQuestion {
  name: string;
  title: string;
  description?: string;
  /** The page (section) the question is on. */
  section: string;
  sectionTitle: string;
  /** SurveyJS type, e.g. radiogroup. */
  type: string;
  kind: AnswerKind;
  scored: boolean;
  domain?: string;
  stages: Stage[];
  weight: number;
  critical: boolean;
  references: string[];
  action?: string;
  choices: PlanChoice[];
  allowOther: boolean;
  allowNone: boolean;
  rows: PlanRow[];
  bands: Band[];
  min?: number;
  max?: number;
  labelTrue: string;
  labelFalse: string;
  scoreTrue: number;
  scoreFalse: number;
  /** The data key of the question's comment field, when it has one. */
  commentKey?: string;
  /** visibleIf expressions of the question and of the panels and page around it; all must hold. */
  visibleIf: string[];
}

/** A questionnaire compiled once: everything scoring needs, with no survey model behind it. */
export interface ScoringPlan {
  id: string;
  version: string;
  title: string;
  /** The file it came from, for messages. */
  source: string;
  questions: PlanQuestion[];
  byName: ReadonlyMap<string, PlanQuestion>;
  /** Data keys that are allowed besides question names: comment and "other" fields, mapped to their question. */
  extraKeys: ReadonlyMap<string, PlanQuestion>;
  /** Each visibleIf expression as a plain condition tree; null where only survey-core can evaluate it. */
  conditions: Readonly<Record<string, Condition | null>>;
  /** Runs the visibility conditions of a question against answers. */
  isVisible(question: PlanQuestion, data: Readonly<Record<string, unknown>>): boolean;
}

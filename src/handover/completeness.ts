import { formatPath } from '../util/locate.js';
import { isTodo, SECTIONS, sectionItems, type Handover } from './format.js';

export interface SectionCompleteness {
  id: string;
  title: string;
  /** Items in the section (1 for the transition and the organisation). */
  items: number;
  done: number;
  todo: number;
  /** Share of the items that are not todo, 0-1; null for an empty section (nothing to hand over). */
  share: number | null;
}

export interface MissingItem {
  section: string;
  sectionTitle: string;
  /** JSON path of the item, such as contacts[2]. */
  path: string;
  label: string;
  note?: string;
}

export interface Completeness {
  sections: SectionCompleteness[];
  overall: { items: number; done: number; todo: number; share: number | null };
  /** Every todo item, in the order of the file. */
  missing: MissingItem[];
}

/** How much of a handover is known: the share of items not marked todo, per section and overall. */
export function completeness(h: Handover): Completeness {
  const sections: SectionCompleteness[] = [];
  const missing: MissingItem[] = [];
  for (const section of SECTIONS) {
    const items = sectionItems(h, section);
    let todo = 0;
    items.forEach((item, i) => {
      if (!isTodo(item)) return;
      todo++;
      const label = section.label(item).trim();
      missing.push({
        section: section.id,
        sectionTitle: section.title,
        path: formatPath(section.kind === 'list' ? [...section.path, i] : section.path),
        label: label || `${section.title}: item ${i + 1}`,
        ...(typeof item.note === 'string' ? { note: item.note } : {}),
      });
    });
    sections.push({ id: section.id, title: section.title, items: items.length, done: items.length - todo, todo, share: items.length ? (items.length - todo) / items.length : null });
  }
  const items = sections.reduce((n, s) => n + s.items, 0);
  const todo = sections.reduce((n, s) => n + s.todo, 0);
  return { sections, overall: { items, done: items - todo, todo, share: items ? (items - todo) / items : null }, missing };
}

/** "75%" (rounded down, so that 99.6% never shows as complete), or "–" for nothing. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.floor(share * 100 + 1e-9)}%`;
}

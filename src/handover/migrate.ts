import { HANDOVER_FORMAT_VERSION } from './format.js';

/**
 * Older handover files stay readable: on load, a file is lifted from its formatVersion to the current
 * one by applying the steps below in order (0.9 -> 1.0 -> ...). A step is a pure function of the parsed
 * JSON; it never drops information that has a place in the newer version. When the format changes,
 * add a step from the last version to the new one and raise HANDOVER_FORMAT_VERSION.
 */
export interface MigrationStep {
  from: string;
  to: string;
  /** What the step changes, in words (shown by `handover validate`). */
  changes: string;
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Renames a key in place of the old one (keeping the key order); a newer key that is already there wins. */
function renameKey(obj: Json, from: string, to: string): Json {
  if (!(from in obj)) return obj;
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === from) {
      if (!(to in obj)) out[to] = v;
    } else out[k] = v;
  }
  return out;
}

export const MIGRATIONS: readonly MigrationStep[] = [
  {
    // The 0.9 draft used British spelling for the organisation, called the access list "accounts" and
    // counted log retention in days.
    from: '0.9',
    to: '1.0',
    changes: 'organisation -> organization, accounts -> accessToRevoke, logSources[].retentionDays -> retentionMonths (days / 30, rounded up)',
    migrate(doc) {
      let out = renameKey(renameKey(doc, 'organisation', 'organization'), 'accounts', 'accessToRevoke');
      if (Array.isArray(out.logSources)) {
        out = {
          ...out,
          logSources: out.logSources.map((source) => {
            if (!isObject(source) || !('retentionDays' in source)) return source;
            const days = source.retentionDays;
            const renamed = renameKey(source, 'retentionDays', 'retentionMonths');
            if (typeof days === 'number' && !('retentionMonths' in source)) renamed.retentionMonths = Math.ceil(days / 30);
            return renamed;
          }),
        };
      }
      return { ...out, formatVersion: '1.0' };
    },
  },
];

export const KNOWN_VERSIONS = [...new Set([...MIGRATIONS.map((m) => m.from), HANDOVER_FORMAT_VERSION])];

export interface Migrated {
  doc: unknown;
  /** The version the file was written in (undefined when it has none). */
  from?: string;
  /** The steps applied, in order ("0.9 -> 1.0"). */
  applied: string[];
  /** Set when the version cannot be read; the message says why. */
  problem?: string;
}

/**
 * Lifts a parsed handover file to the current format version. The input is not changed. A file without
 * a formatVersion is returned as it is, for the schema to report.
 */
export function migrateHandover(input: unknown, steps: readonly MigrationStep[] = MIGRATIONS, current = HANDOVER_FORMAT_VERSION): Migrated {
  if (!isObject(input) || typeof input.formatVersion !== 'string') return { doc: input, applied: [] };
  const from = input.formatVersion;
  let doc: Json = structuredClone(input);
  const applied: string[] = [];
  while (doc.formatVersion !== current) {
    const version = String(doc.formatVersion);
    const step = steps.find((s) => s.from === version);
    if (!step) {
      const known = [...new Set([...steps.map((s) => s.from), current])].join(', ');
      const newer = compareVersions(version, current) > 0;
      return {
        doc: input,
        from,
        applied,
        problem: newer
          ? `format version "${version}" is newer than this irready reads (${current}); update irready`
          : `format version "${version}" is not known (this irready reads ${known})`,
      };
    }
    doc = step.migrate(doc);
    applied.push(`${step.from} -> ${step.to}`);
    if (applied.length > steps.length) throw new Error('handover migrations loop');
  }
  return { doc, from, applied };
}

/** Compares "1.10" and "1.9" as versions; text that is not a version sorts first. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v) ? v.split('.').map(Number) : null);
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The open handover format: types, checking and migration, a first file from an assessment, rendering. */
export * from './format.js';
export { MIGRATIONS, KNOWN_VERSIONS, migrateHandover, type MigrationStep, type Migrated } from './migrate.js';
export { findSecrets, secretKind, looksRandom, FREE_TEXT_FIELDS, type SecretFinding } from './secrets.js';
export { checkHandover, loadHandover, type HandoverCheck } from './load.js';
export { completeness, percent, type Completeness, type MissingItem, type SectionCompleteness } from './completeness.js';
export { handoverFromResult } from './init.js';
export { buildHandoverView, HANDOVER_FORMATS, parseHandoverFormats, renderHandover, renderHandoverHtml, renderHandoverMarkdown, renderHandoverPdf, writeHandover, type HandoverFormat, type HandoverView } from './render.js';

/**
 * Export and import, as pure text transforms: the full-fidelity JSON file, a CSV with one row
 * per rep for spreadsheets, checking an import with messages a person can act on, and
 * planning a merge that never duplicates what is already stored.
 */
import * as v from 'valibot';
import {
  EXPORT_FORMAT,
  MIGRATIONS,
  RoutineRunSchema,
  RoutineSchema,
  SCHEMA_VERSION,
  SessionRecordSchema,
  migrate,
  type ExportFile,
  type Routine,
  type RoutineRun,
  type SessionRecord,
} from './schema';
import { roundMetric, roundSeconds } from '../format/numbers';

export interface ExportData {
  sessions: SessionRecord[];
  routines: Routine[];
  routineRuns: RoutineRun[];
}

export function buildExport(data: ExportData, exportedAt: number): ExportFile {
  return { format: EXPORT_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt, ...data };
}

export function toJsonExport(data: ExportData, exportedAt: number): string {
  return JSON.stringify(buildExport(data, exportedAt), null, 2);
}

/** e.g. 'unknot-2025-01-06.json' (the UTC date: a file name needs no time zone). */
export function exportFileName(exportedAt: number, extension: 'json' | 'csv'): string {
  return `unknot-${new Date(exportedAt).toISOString().slice(0, 10)}.${extension}`;
}

// ——— CSV ———

export const CSV_COLUMNS = [
  'session_id',
  'technique',
  'started_at',
  'source',
  'rep_index',
  'time_s',
  'side',
  'peak',
  'trough',
  'metric_unit',
  'duration_s',
  'hold_s',
  // The session's check-in and pain stop (data version 2), repeated on each of its rows.
  'pain_before',
  'pain_after',
  'pain_stop_s',
] as const;

/**
 * One cell, RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * Text starting with = + - @ tab or CR is prefixed with ' so a spreadsheet shows it instead of
 * running it as a formula (an imported file could carry any id). Numbers are never prefixed:
 * a negative metric is data, and they are written by the number formatter, not taken from input.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(3))) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const seconds = (ms: number | null) => (ms === null ? null : roundSeconds(ms));

/** Whether a session carries anything of the check-in: a rating, a skip, or a pain stop. */
const hasCheckIn = (session: SessionRecord) => session.painBefore !== null || session.painAfter !== null || session.painStopMs !== null;

/**
 * One row per rep, CRLF line ends as RFC 4180 says, with a byte-order mark because Excel reads
 * UTF-8 (the ° unit) only with one. A session without reps has no rows, unless it carries a
 * check-in or a pain stop: then one row with the rep columns empty, so no rating is lost.
 * Numbers are rounded as the app shows them (format/numbers): the JSON export keeps full precision.
 */
export function toCsv(sessions: readonly SessionRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const session of [...sessions].sort((a, b) => a.startedAt - b.startedAt)) {
    const head = [session.id, session.techniqueId, new Date(session.startedAt).toISOString(), session.source];
    const checkIn = [session.painBefore, session.painAfter, seconds(session.painStopMs)];
    const reps = session.reps.map((rep, index) => [
      index + 1,
      seconds(rep.tMs),
      rep.side,
      roundMetric(rep.peakMetric),
      roundMetric(rep.troughMetric),
      session.metricUnit,
      seconds(rep.durationMs),
      seconds(rep.holdMs),
    ]);
    if (reps.length === 0 && hasCheckIn(session)) reps.push([null, null, null, null, null, session.metricUnit, null, null]);
    for (const rep of reps) lines.push([...head, ...rep, ...checkIn].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ——— Import ———

export type ImportResult = { ok: true; data: ExportFile } | { ok: false; message: string };

const NOT_OURS = 'This file is not an Unknot export. Choose a .json file made with “Export” in Unknot.';
const NOTHING_CHANGED = 'Nothing was imported.';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Well-formed JSON that is not an export: say what it holds instead, naming the field that tells. */
function notOurs(document: unknown): string {
  if (Array.isArray(document)) return `${NOT_OURS} (It holds a list; an export is an object with “format”: “${EXPORT_FORMAT}”.)`;
  if (!isObject(document)) return `${NOT_OURS} (It holds ${document === null ? 'null' : `a ${typeof document}`}, not an object.)`;
  const format = document['format'];
  if (format === undefined) return `${NOT_OURS} (It has no “format” field; an export says “format”: “${EXPORT_FORMAT}”.)`;
  return `${NOT_OURS} (Its “format” is ${JSON.stringify(format).slice(0, 60)}, not “${EXPORT_FORMAT}”.)`;
}

/** One item of a list is named by its singular: "rep 2", "step 1". */
const SINGULAR: Record<string, string> = { reps: 'rep', holds: 'hold', steps: 'step', sessions: 'session', routines: 'routine', routineRuns: 'routine run' };

/**
 * Where in a record an issue is, in words: 'field “peakMetric” of rep 1', 'field “reps”',
 * 'field “target.reps” of step 2'. Valibot gives each issue its path of keys.
 */
export function issueLocation(path: readonly v.IssuePathItem[] | undefined): string | null {
  if (!path || path.length === 0) return null;
  let context: string | null = null;
  let field: string[] = [];
  for (const item of path) {
    if (item.type === 'array' && typeof item.key === 'number') {
      const parent = field.pop();
      const noun = (parent && SINGULAR[parent]) ?? (parent ? `${parent} item` : 'item');
      context = `${context ? `${context}, ` : ''}${noun} ${item.key + 1}`;
      field = [];
    } else {
      field.push(String(item.key));
    }
  }
  if (field.length === 0) return context;
  return `field “${field.join('.')}”${context ? ` of ${context}` : ''}`;
}

const EXPECTED_WORDS: Record<string, string> = { number: 'a number', string: 'text', boolean: 'true or false', Array: 'a list', Object: 'an object' };

/** Valibot writes a choice as '("a" | "b")'. */
const oneOf = (expected: string) => (expected.includes(' | ') ? `one of ${expected.replace(/^\(|\)$/g, '').split(' | ').join(', ')}` : expected);

/** What is wrong there: 'is missing', 'should be a number, not "deep"', or valibot's own words for a rule. */
function issueProblem(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema') {
    if (issue.received === 'undefined') return 'is missing';
    const expected = issue.expected ? (EXPECTED_WORDS[issue.expected] ?? oneOf(issue.expected)) : 'something else';
    return `should be ${expected}, not ${issue.received}`;
  }
  return `is out of range (${issue.message})`;
}

function describeIssue(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const [issue] = issues;
  const where = issueLocation(issue.path);
  return where ? `its ${where} ${issueProblem(issue)}` : `it ${issueProblem(issue)}`;
}

interface Collection<T> {
  key: 'sessions' | 'routines' | 'routineRuns';
  noun: string;
  schema: v.GenericSchema<unknown, T>;
  /** How to name one item in a message, beyond its position. */
  name: (item: Record<string, unknown>) => string | undefined;
}

const quoted = (value: unknown) => (typeof value === 'string' && value.length > 0 ? `“${value.slice(0, 60)}”` : undefined);

const SESSIONS: Collection<SessionRecord> = { key: 'sessions', noun: 'Session', schema: SessionRecordSchema, name: (item) => quoted(item['id']) };
const ROUTINES: Collection<Routine> = { key: 'routines', noun: 'Routine', schema: RoutineSchema, name: (item) => quoted(item['name']) ?? quoted(item['id']) };
const RUNS: Collection<RoutineRun> = { key: 'routineRuns', noun: 'Routine run', schema: RoutineRunSchema, name: (item) => quoted(item['id']) };

function checkCollection<T>(document: Record<string, unknown>, collection: Collection<T>): { ok: true; items: T[] } | { ok: false; message: string } {
  const list = document[collection.key];
  if (!Array.isArray(list)) return { ok: false, message: `The export is damaged: “${collection.key}” is not a list. ${NOTHING_CHANGED}` };
  const items: T[] = [];
  for (const [index, item] of list.entries()) {
    const result = v.safeParse(collection.schema, item);
    if (!result.success) {
      const name = isObject(item) ? collection.name(item) : undefined;
      const which = `${collection.noun} ${index + 1} of ${list.length}${name ? ` (${name})` : ''}`;
      return { ok: false, message: `${which} is not valid: ${describeIssue(result.issues)}. ${NOTHING_CHANGED} Fix that record in the file, or export it again from Unknot.` };
    }
    items.push(result.output);
  }
  return { ok: true, items };
}

/** Checks a parsed export of the current version, naming the first invalid record. */
export function checkExport(document: unknown): ImportResult {
  if (!isObject(document) || document['format'] !== EXPORT_FORMAT) return { ok: false, message: notOurs(document) };
  if (document['schemaVersion'] !== SCHEMA_VERSION) {
    return { ok: false, message: `This export has data version ${String(document['schemaVersion'])}; this app reads version ${SCHEMA_VERSION}. ${NOTHING_CHANGED}` };
  }
  const exportedAt = document['exportedAt'];
  if (typeof exportedAt !== 'number' || !Number.isFinite(exportedAt) || exportedAt < 0) {
    return { ok: false, message: `The export is damaged: its “exportedAt” date is missing. ${NOTHING_CHANGED}` };
  }
  const sessions = checkCollection(document, SESSIONS);
  if (!sessions.ok) return sessions;
  const routines = checkCollection(document, ROUTINES);
  if (!routines.ok) return routines;
  const routineRuns = checkCollection(document, RUNS);
  if (!routineRuns.ok) return routineRuns;
  return { ok: true, data: buildExport({ sessions: sessions.items, routines: routines.items, routineRuns: routineRuns.items }, exportedAt) };
}

/** Reads an export file's text: parse, recognise, upgrade from older versions, validate. */
export function parseImport(text: string): ImportResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, message: `${NOT_OURS} (It is not JSON${text.trim() === '' ? ': the file is empty' : ''}.)` };
  }
  if (!isObject(document) || document['format'] !== EXPORT_FORMAT) return { ok: false, message: notOurs(document) };
  const version = document['schemaVersion'];
  if (typeof version !== 'number') return { ok: false, message: `The export is damaged: its data version (“schemaVersion”) is missing. ${NOTHING_CHANGED}` };
  const migrated = migrate(document, version, MIGRATIONS);
  if (!migrated.ok) return { ok: false, message: `${migrated.message} ${NOTHING_CHANGED}` };
  return checkExport(migrated.document);
}

// ——— Merge ———

export interface ExistingIds {
  sessions: ReadonlySet<string>;
  routines: ReadonlySet<string>;
  routineRuns: ReadonlySet<string>;
}

export interface MergePlan extends ExportData {
  /** Records left out because one with the same id is already stored (or came earlier in the file). */
  skipped: { sessions: number; routines: number; routineRuns: number };
}

function newOnly<T extends { id: string }>(items: readonly T[], existing: ReadonlySet<string>): { add: T[]; skipped: number } {
  const seen = new Set(existing);
  const add: T[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    add.push(item);
  }
  return { add, skipped: items.length - add.length };
}

/** What an import adds: records whose id is new. What is stored already wins; nothing is overwritten. */
export function mergeImport(existing: ExistingIds, imported: ExportData): MergePlan {
  const sessions = newOnly(imported.sessions, existing.sessions);
  const routines = newOnly(imported.routines, existing.routines);
  const routineRuns = newOnly(imported.routineRuns, existing.routineRuns);
  return {
    sessions: sessions.add,
    routines: routines.add,
    routineRuns: routineRuns.add,
    skipped: { sessions: sessions.skipped, routines: routines.skipped, routineRuns: routineRuns.skipped },
  };
}

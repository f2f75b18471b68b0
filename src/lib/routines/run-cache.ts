/**
 * The run just started and its routine, handed from the routines page to the routine bar on
 * the practice pages. It lets a run go on when IndexedDB is unavailable (nothing recorded, but
 * the steps still follow each other), and a user routine deleted mid-run still finish. Kept
 * in memory (the app navigates without reloading) and, where the browser allows, in
 * sessionStorage for a reload. The store stays the truth for a run's status where it has one.
 */
import * as v from 'valibot';
import { RoutineRunSchema, RoutineSchema, type Routine, type RoutineRun } from '../storage/schema';

export interface CachedRun {
  run: RoutineRun;
  routine: Routine;
  /** Whether the run (and its sessions) are being saved. */
  recorded: boolean;
}

const CachedRunSchema = v.object({ run: RoutineRunSchema, routine: RoutineSchema, recorded: v.boolean() });

const memory = new Map<string, CachedRun>();
const key = (runId: string) => `unknot:routine-run:${runId}`;

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Reading sessionStorage itself throws where site storage is blocked.
    return null;
  }
}

export function rememberRun(entry: CachedRun): void {
  memory.set(entry.run.id, entry);
  try {
    sessionStore()?.setItem(key(entry.run.id), JSON.stringify(entry));
  } catch {
    // Full or blocked: the in-memory copy still serves this tab.
  }
}

export function recallRun(runId: string): CachedRun | undefined {
  const known = memory.get(runId);
  if (known) return known;
  try {
    const text = sessionStore()?.getItem(key(runId));
    if (!text) return undefined;
    const parsed = v.safeParse(CachedRunSchema, JSON.parse(text));
    if (!parsed.success) return undefined;
    memory.set(runId, parsed.output);
    return parsed.output;
  } catch {
    return undefined;
  }
}

/** Keeps the cached copy's status in step with the run (ended, completed). */
export function updateCachedRun(run: RoutineRun): void {
  const known = recallRun(run.id);
  if (known) rememberRun({ ...known, run });
}

/** Tests only. */
export function forgetAllRuns(): void {
  memory.clear();
}

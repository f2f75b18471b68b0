/** Collapses a per-frame phase stream into spans (phase, start, end). Pure. */

export interface PhaseSpan {
  phase: string;
  startMs: number;
  endMs: number;
}

export class PhaseTimeline {
  private readonly list: PhaseSpan[] = [];

  /** Records the phase seen at `tMs`; returns true when a new span started. */
  add(phase: string, tMs: number): boolean {
    const last = this.list.at(-1);
    if (last) last.endMs = tMs;
    if (last?.phase === phase) return false;
    this.list.push({ phase, startMs: tMs, endMs: tMs });
    return true;
  }

  /** Ends the last span at `endMs` (the clip's end). */
  close(endMs: number): void {
    const last = this.list.at(-1);
    if (last) last.endMs = Math.max(last.endMs, endMs);
  }

  get spans(): readonly PhaseSpan[] {
    return this.list;
  }

  /** Spans of one phase. */
  of(phase: string): PhaseSpan[] {
    return this.list.filter((span) => span.phase === phase);
  }

  reset(): void {
    this.list.length = 0;
  }
}

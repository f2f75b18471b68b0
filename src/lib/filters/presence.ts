/**
 * Whether the person is in view, with a grace period: a dropout shorter than `graceMs` is
 * ridden out (the caller keeps its state through it), a longer one makes them out of view
 * until they are seen again. Deterministic; time comes from the caller.
 */
export class PresenceGate {
  private missingSinceMs: number | undefined;
  private present = true;

  constructor(private readonly graceMs: number) {}

  /** False from the frame the grace ran out until the person is seen again. */
  get inFrame(): boolean {
    return this.present;
  }

  /**
   * Not seen at `tMs`. `out`: the dropout has outlasted the grace; `left`: this is the frame
   * it did (the one to report).
   */
  miss(tMs: number): { out: boolean; left: boolean } {
    this.missingSinceMs ??= tMs;
    if (tMs - this.missingSinceMs < this.graceMs) return { out: false, left: false };
    const left = this.present;
    this.present = false;
    return { out: true, left };
  }

  /** Seen at `tMs`; true when this ends an out-of-view spell (the one to report). */
  see(): boolean {
    this.missingSinceMs = undefined;
    const back = !this.present;
    this.present = true;
    return back;
  }

  reset(): void {
    this.missingSinceMs = undefined;
    this.present = true;
  }
}

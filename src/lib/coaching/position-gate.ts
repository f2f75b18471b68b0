/**
 * The position gate: settles the body position from frame-by-frame readings and says when
 * it is not the technique's. Pure; time comes from the frames.
 *
 * Each reading votes; votes decay with time constant `tauMs`, so a position is established
 * only once it has been read on most of the recent frames (about 0.4 s of agreement from a
 * standstill) and a flicker of a few odd frames changes nothing. The family (upright or on
 * the floor) is settled first, with hysteresis (entered at `enterShare` of the votes, kept
 * until the other family reaches it); within it a specific position (standing, sitting, all
 * fours, lying) is named once it has `specificShare` of the votes.
 */
import { BODY_POSITIONS, familyOf, readingFits, type BodyPosition, type PositionFamily, type PositionReading } from '../geometry/position';
import type { Cue } from '../techniques/types';

export interface PositionGateOptions {
  tauMs: number;
  enterShare: number;
  specificShare: number;
}

export const DEFAULT_POSITION_GATE: PositionGateOptions = { tauMs: 300, enterShare: 0.7, specificShare: 0.6 };

/** How to get into each position, said when the user is in another one. */
export const POSITION_CUES: Record<BodyPosition, Cue> = {
  standing: { id: 'position-standing', text: 'Stand up tall, facing the camera', priority: 85 },
  sitting: { id: 'position-sitting', text: 'Sit tall on a chair or cross-legged on the floor', priority: 85 },
  'all-fours': { id: 'position-all-fours', text: 'Come onto your hands and knees, side-on to the camera', priority: 85 },
  'lying-back': { id: 'position-lying-back', text: 'Lie on your back, knees bent, feet flat', priority: 85 },
};

const NOMINAL_FRAME_MS = 33;
const READINGS: readonly PositionReading[] = [...BODY_POSITIONS, 'upright', 'on-floor'];

export class PositionGate {
  private readonly scores = new Map<PositionReading, number>();
  private lastMs: number | undefined;
  private family: PositionFamily | undefined;
  private specific: BodyPosition | undefined;

  constructor(
    readonly wanted: readonly BodyPosition[],
    private readonly options: PositionGateOptions = DEFAULT_POSITION_GATE,
  ) {
    if (wanted.length === 0) throw new RangeError('PositionGate: a technique names at least one position');
  }

  /** The settled position (specific when known, else the family), or undefined until one is settled. */
  get position(): PositionReading | undefined {
    return this.specific ?? this.family;
  }

  /** Settled on a position the technique is not done in. */
  get wrong(): boolean {
    const position = this.position;
    return position !== undefined && !readingFits(position, this.wanted);
  }

  /** Feeds one frame's reading (undefined: the frame says nothing; nothing changes). */
  step(reading: PositionReading | undefined, tMs: number): PositionReading | undefined {
    if (reading === undefined) return this.position;
    // The first frame (or one from a clock that went back) counts as one ordinary frame.
    const dtMs = this.lastMs === undefined || tMs <= this.lastMs ? NOMINAL_FRAME_MS : tMs - this.lastMs;
    const keep = Math.exp(-dtMs / this.options.tauMs);
    this.lastMs = tMs;
    for (const candidate of READINGS) {
      const vote = candidate === reading ? 1 : 0;
      this.scores.set(candidate, (this.scores.get(candidate) ?? 0) * keep + vote * (1 - keep));
    }
    this.settle();
    return this.position;
  }

  reset(): void {
    this.scores.clear();
    this.lastMs = undefined;
    this.family = undefined;
    this.specific = undefined;
  }

  private settle(): void {
    const score = (r: PositionReading) => this.scores.get(r) ?? 0;
    const familyScore = (family: PositionFamily) => READINGS.filter((r) => familyOf(r) === family).reduce((sum, r) => sum + score(r), 0);
    const { enterShare, specificShare } = this.options;
    for (const family of ['upright', 'on-floor'] as const) {
      if (family !== this.family && familyScore(family) >= enterShare) {
        this.family = family;
        this.specific = undefined;
      }
    }
    if (!this.family) return;
    const members = BODY_POSITIONS.filter((p) => familyOf(p) === this.family);
    const leader = members.reduce((best, p) => (score(p) > score(best) ? p : best), members[0]!);
    if (leader !== this.specific && score(leader) >= specificShare) this.specific = leader;
    // A specific position no longer read at all falls back to the family.
    if (this.specific && score(this.specific) < 1 - specificShare) this.specific = undefined;
  }
}

/**
 * More than one person in view? Reads the multi-person detector's sightings (on the frames
 * where it ran: every second or so) and says so once it has seen two or more people on
 * `raiseAfter` looks in a row; it clears after `clearAfter` looks with one person or none.
 * While it stands nothing counts: a single-person model may hop from one body to the other.
 * Pure; deterministic.
 *
 * Only people of a size comparable to the largest one count (≥ `minRelativeSize` of its
 * box): a small figure far behind, on a poster or a screen, is not a second user. Boxes that
 * overlap a bigger one by more than `maxOverlap` (intersection over the smaller box) are the
 * same person seen twice.
 */
import type { PersonSighting, PoseFrame } from '../pose/keypoints';
import type { Cue } from '../techniques/types';

export interface PeopleGateOptions {
  minScore: number;
  minRelativeSize: number;
  maxOverlap: number;
  raiseAfter: number;
  clearAfter: number;
}

export const DEFAULT_PEOPLE_GATE: PeopleGateOptions = { minScore: 0.3, minRelativeSize: 0.4, maxOverlap: 0.6, raiseAfter: 2, clearAfter: 2 };

export const SEVERAL_PEOPLE_CUE: Cue = {
  id: 'several-people',
  text: 'More than one person in view: Unknot waits until only you are in the picture',
  priority: 96,
};

type Box = PersonSighting['box'];
const area = (box: Box) => Math.max(0, box.maxX - box.minX) * Math.max(0, box.maxY - box.minY);
const longSide = (box: Box) => Math.max(box.maxX - box.minX, box.maxY - box.minY);

function overlapOfSmaller(a: Box, b: Box): number {
  const w = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const h = Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY);
  if (w <= 0 || h <= 0) return 0;
  const smaller = Math.min(area(a), area(b));
  return smaller > 0 ? (w * h) / smaller : 0;
}

/** How many distinct people of comparable size one look saw. */
export function countPeople(sightings: readonly PersonSighting[], options: PeopleGateOptions = DEFAULT_PEOPLE_GATE): number {
  const confident = sightings.filter((s) => s.score >= options.minScore).sort((a, b) => longSide(b.box) - longSide(a.box));
  const largest = confident[0];
  if (!largest) return 0;
  const kept: Box[] = [];
  for (const sighting of confident) {
    if (longSide(sighting.box) < options.minRelativeSize * longSide(largest.box)) continue;
    if (kept.some((box) => overlapOfSmaller(box, sighting.box) > options.maxOverlap)) continue;
    kept.push(sighting.box);
  }
  return kept.length;
}

export class PeopleGate {
  private several = false;
  private streak = 0;
  /** People counted on the latest look, or undefined before the first. */
  lastCount: number | undefined;

  constructor(private readonly options: PeopleGateOptions = DEFAULT_PEOPLE_GATE) {}

  get severalPeople(): boolean {
    return this.several;
  }

  /** Frames without a look leave everything as it is. */
  step(frame: PoseFrame): boolean {
    if (!frame.people) return this.several;
    const count = countPeople(frame.people, this.options);
    this.lastCount = count;
    const disagrees = this.several ? count <= 1 : count >= 2;
    this.streak = disagrees ? this.streak + 1 : 0;
    if (this.streak >= (this.several ? this.options.clearAfter : this.options.raiseAfter)) {
      this.several = !this.several;
      this.streak = 0;
    }
    return this.several;
  }

  reset(): void {
    this.several = false;
    this.streak = 0;
    this.lastCount = undefined;
  }
}

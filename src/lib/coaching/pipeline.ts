/**
 * The per-frame core: smoothing → gates (framing, several people, body position) → checker →
 * cue scheduling. Pure and synchronous, so the live session, video-file analysis, trace
 * replays, tests and the benchmark share it.
 *
 * While a gate holds, the checker is given no pose (nothing counts or times, exactly as when
 * the person leaves the picture) and the gate's cue is shown. Several people and the wrong
 * position also drop the movement in progress (`Checker.interrupt`) and set the phase to
 * `several-people` / `wrong-position`.
 */
import { KeypointSmoother } from '../filters/one-euro';
import { readingFits, readPosition, type BodyPosition, type PositionReading } from '../geometry/position';
import type { PoseFrame } from '../pose/keypoints';
import type { CalibrationIssue, Checker, CheckerEvent, CheckerOutput, Cue } from '../techniques/types';
import { CueScheduler } from './cue-scheduler';
import { FRAMING_CUES, FramingGate, type FramingIssue, type FramingOptions } from './framing';
import { DEFAULT_PEOPLE_GATE, PeopleGate, SEVERAL_PEOPLE_CUE, type PeopleGateOptions } from './people-gate';
import { DEFAULT_POSITION_GATE, POSITION_CUES, PositionGate, type PositionGateOptions } from './position-gate';

export interface PipelineOptions {
  /** Framing guidance (too far, too close, too dark); null or absent: off. */
  framing?: FramingOptions | null;
  /** The positions the technique is done in; absent: no position gate. */
  positions?: readonly BodyPosition[];
  /** The cue that says how to get into the technique's position (default: the first position's). */
  positionCue?: Cue;
  positionGate?: PositionGateOptions;
  /** Several-people detection; null: off. Only frames that carry `people` are looked at. */
  people?: PeopleGateOptions | null;
}

/** What stopped the checker from seeing the pose this frame. */
export type GateIssue = 'framing' | 'several-people' | 'wrong-position';

export interface PipelineOutput extends CheckerOutput {
  /** The smoothed frame the checker saw (drawn by the overlay). */
  frame: PoseFrame;
  /** The cue to show now (scheduled: one at a time, no flicker). */
  shownCue: Cue | null;
  /** A cue to speak aloud on this frame, if any. */
  spokenCue: Cue | null;
  /** Too far, too close or unclear: the checker was given no pose this frame, so nothing counts. */
  framingIssue: FramingIssue | null;
  /** The gate that held the pose back this frame, if any. */
  gate: GateIssue | null;
  /** The body position settled on so far (undefined until one is). */
  position: PositionReading | undefined;
  /** Something the user should change (framing, position, view, out of view, calibration trouble): the overlay says so. */
  needsAttention: boolean;
}

const GATE_CALIBRATION_ISSUE: Record<GateIssue, CalibrationIssue> = {
  framing: 'framing',
  'several-people': 'several-people',
  'wrong-position': 'wrong-position',
};

/** Phases in which the checker itself says the user must change something. */
const ATTENTION_PHASES = new Set(['out-of-frame', 'wrong-view', 'wrong-position', 'several-people']);

export class CoachPipeline {
  private readonly smoother = new KeypointSmoother();
  private readonly cues = new CueScheduler();
  private readonly framing: FramingGate | null;
  private readonly people: PeopleGate | null;
  private readonly position: PositionGate | null;
  private readonly positionCue: Cue | null;
  /** The gate that interrupted the checker, while it still holds (the checker is told once). */
  private interruptedBy: GateIssue | null = null;
  private lastOutput: PipelineOutput | undefined;

  constructor(
    readonly checker: Checker,
    options: PipelineOptions = {},
  ) {
    this.framing = options.framing ? new FramingGate(options.framing) : null;
    this.people = options.people === null ? null : new PeopleGate(options.people ?? DEFAULT_PEOPLE_GATE);
    this.position = options.positions ? new PositionGate(options.positions, options.positionGate ?? DEFAULT_POSITION_GATE) : null;
    this.positionCue = options.positions ? (options.positionCue ?? POSITION_CUES[options.positions[0]!]) : null;
  }

  process(raw: PoseFrame): PipelineOutput {
    const frame = this.smoother.smooth(raw);
    const framingIssue = this.framing?.step(raw) ?? null;
    const severalPeople = this.people?.step(raw) ?? false;
    // The position is read only from a pose the gates above let through: with two people
    // in view it may be anyone's.
    const reading = this.position && !framingIssue && !severalPeople ? readPosition(frame).reading : undefined;
    if (reading) this.position!.step(reading, frame.tMs);
    const gate: GateIssue | null = framingIssue ? 'framing' : severalPeople ? 'several-people' : this.position?.wrong ? 'wrong-position' : null;
    // Before a position is settled (the first few hundred ms), a frame that plainly shows
    // another one is not given to the checker either: a bridge must not flash "cow" first.
    // The checkers ride out a lone empty frame, so one misread frame in the right position
    // costs nothing.
    const unsettledWrong = !gate && reading !== undefined && this.position!.position === undefined && !readingFits(reading, this.position!.wanted);

    if (gate === 'several-people' || gate === 'wrong-position') {
      if (this.interruptedBy !== gate) this.checker.interrupt?.(frame.tMs);
      this.interruptedBy = gate;
    } else {
      this.interruptedBy = null;
    }

    // While a gate holds the checker sees nobody: its own out-of-frame handling then ends
    // holds and stops counting, exactly as when the person leaves the picture.
    const output = this.checker.step(gate || unsettledWrong ? { tMs: frame.tMs, aspect: frame.aspect, keypoints: {} } : frame);
    const phase = gate === 'several-people' ? 'several-people' : gate === 'wrong-position' ? 'wrong-position' : output.phase;
    const cue =
      gate === 'framing' && framingIssue
        ? FRAMING_CUES[framingIssue]
        : gate === 'several-people'
          ? SEVERAL_PEOPLE_CUE
          : gate === 'wrong-position'
            ? this.positionCue
            : output.cue;
    const { shown, speak } = this.cues.step(cue, frame.tMs);
    const calibrating = output.calibrationRemainingMs !== undefined;
    const calibrationIssue = calibrating ? (gate ? GATE_CALIBRATION_ISSUE[gate] : output.calibrationIssue) : undefined;
    const result: PipelineOutput = {
      ...output,
      phase,
      cue,
      holdMs: gate || unsettledWrong ? 0 : output.holdMs,
      counting: gate || unsettledWrong ? false : output.counting,
      frame,
      shownCue: shown,
      spokenCue: speak,
      framingIssue,
      gate,
      position: this.position?.position,
      // "Hold still" is no fault: only a calibration issue the user must fix asks for attention.
      needsAttention: gate !== null || ATTENTION_PHASES.has(phase) || (calibrationIssue !== undefined && calibrationIssue !== 'moving'),
    };
    if (calibrationIssue === undefined) delete result.calibrationIssue;
    else result.calibrationIssue = calibrationIssue;
    this.lastOutput = result;
    return result;
  }

  /** A frame with no person in it: the checker sees an empty pose. */
  processEmpty(tMs: number, aspect: number): PipelineOutput {
    return this.process({ tMs, aspect, keypoints: {} });
  }

  /**
   * The clip or session ends at `tMs`: the checker counts a complete movement it has not yet
   * counted. Returns the last output with those events and counts, or undefined when nothing
   * was processed (or the checker has nothing to finish).
   */
  finish(tMs?: number): PipelineOutput | undefined {
    const last = this.lastOutput;
    if (!last || !this.checker.finish) return undefined;
    tMs ??= last.tMs;
    // Nothing counts while a gate holds (several people, wrong position, bad framing).
    const finished: { events: CheckerEvent[]; reps: CheckerOutput['reps'] } = last.gate ? { events: [], reps: last.reps } : this.checker.finish(tMs);
    const result: PipelineOutput = { ...last, tMs, events: finished.events, reps: finished.reps, holdMs: 0, spokenCue: null };
    this.lastOutput = result;
    return result;
  }

  reset(): void {
    this.smoother.reset();
    this.checker.reset();
    this.cues.reset();
    this.framing?.reset();
    this.people?.reset();
    this.position?.reset();
    this.interruptedBy = null;
    this.lastOutput = undefined;
  }
}

/** One still photo: no neutral to calibrate from, so the checker measures against a typical body. */
import { describe, expect, it } from 'vitest';
import { sampleTwistFrames, type TwistPose } from '../../testing/synthetic-twist';
import { SEATED_TWIST_OPTIONS, TwistChecker } from './checker';

/** A photo "held" for 2 s at 30 fps, as the page feeds it. */
function phaseOnPhoto(pose: TwistPose, with3D: boolean): string {
  const checker = new TwistChecker(SEATED_TWIST_OPTIONS);
  checker.assumeTypicalBaseline();
  const frames = sampleTwistFrames(() => pose, 2000, { with3D });
  return frames.map((frame) => checker.step(frame)).at(-1)!.phase;
}

describe('TwistChecker.assumeTypicalBaseline (a single photo)', () => {
  it('3D: a square-on, untwisted body is neutral', () => {
    expect(phaseOnPhoto({ twistDeg: 0 }, true)).toBe('neutral');
  });

  it('3D: the twist is measured against the hips, whichever way the camera sees them', () => {
    expect(phaseOnPhoto({ twistDeg: 40, hipTurnDeg: -70 }, true)).toBe('twist-left');
    expect(phaseOnPhoto({ twistDeg: -40, hipTurnDeg: 60 }, true)).toBe('twist-right');
    // Turned away as a whole, not twisted: neutral, not "wrong view".
    expect(phaseOnPhoto({ twistDeg: 0, hipTurnDeg: 70 }, true)).toBe('neutral');
  });

  it('2D: a clear twist reads against the typical shoulder width; near centre it is rough', () => {
    expect(phaseOnPhoto({ twistDeg: 45 }, false)).toBe('twist-left');
    expect(phaseOnPhoto({ twistDeg: -45 }, false)).toBe('twist-right');
    // The synthetic body's shoulders are 4 % narrower than the typical ratio, and acos is steep
    // near 0°: a square-on body reads ~16°, past "turning" but short of a hold. This is why the
    // twist pages default to BlazePose, whose 3D points need no baseline.
    const checker = new TwistChecker(SEATED_TWIST_OPTIONS);
    checker.assumeTypicalBaseline();
    const last = sampleTwistFrames(() => ({ twistDeg: 0 }), 2000).map((frame) => checker.step(frame)).at(-1)!;
    expect(last.metric).not.toBeNull();
    expect(Math.abs(last.metric!)).toBeGreaterThan(10);
    expect(Math.abs(last.metric!)).toBeLessThan(SEATED_TWIST_OPTIONS.holdEnterDeg);
    expect(last.holdMs).toBe(0);
  });

  it('a reset goes back to calibrating from the user, with hips square to the camera', () => {
    const checker = new TwistChecker(SEATED_TWIST_OPTIONS);
    checker.assumeTypicalBaseline();
    checker.reset();
    const [first] = sampleTwistFrames(() => ({ twistDeg: 0 }), 100, { with3D: true });
    expect(checker.step(first!).phase).toBe('calibrating');
    expect(checker.neutral).toBeUndefined();
  });
});

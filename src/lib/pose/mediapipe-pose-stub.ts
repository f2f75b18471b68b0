// Stand-in for @mediapipe/pose. pose-detection imports it for its "mediapipe" runtime,
// which Unknot never uses (everything runs on the tfjs runtime, served from our origin).
export class Pose {
  constructor() {
    throw new Error('The MediaPipe runtime is not bundled; use runtime "tfjs".');
  }
}
export const VERSION = 'stub';

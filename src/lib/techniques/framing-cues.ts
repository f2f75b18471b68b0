/** Framing cues shared by the side-view checkers, so the same problem reads the same everywhere. */
import type { Cue } from './types';

export const SIDE_VIEW_FRAMING_CUES = {
  outOfFrame: { id: 'out-of-frame', text: 'Move back so your whole body is in view', priority: 90 },
  turnSideOn: { id: 'turn-side-on', text: 'Turn side-on to the camera', priority: 80 },
} as const satisfies Record<string, Cue>;

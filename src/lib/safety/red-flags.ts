/**
 * When to see a professional instead of (or before) stretching: the red flags the short
 * safety check asks about, what each kind of professional offers, and the advice for a set of
 * answers. Pure data and functions; the wording is ours, after the two source articles.
 */

export type RedFlagId = 'severe' | 'nerves' | 'injury' | 'urgent';

export interface RedFlag {
  id: RedFlagId;
  /** Asked in the safety check, answered yes or no. */
  question: string;
  /** What it is, for the list on the safety page. */
  label: string;
  /** Go now, do not wait for an appointment. */
  urgent: boolean;
}

export const RED_FLAGS: readonly RedFlag[] = [
  {
    id: 'severe',
    question: 'Is the pain severe, getting worse, or has it lasted more than a few weeks?',
    label: 'Pain that is severe, keeps getting worse, or has not eased after a few weeks',
    urgent: false,
  },
  {
    id: 'nerves',
    question: 'Do you feel numbness, tingling or weakness in your arms, hands or legs?',
    label: 'Numbness, tingling or weakness, in the back or spreading into the arms or legs',
    urgent: false,
  },
  {
    id: 'injury',
    question: 'Did the pain start after a fall, an accident or another injury?',
    label: 'Pain that began after a fall, an accident or a knock',
    urgent: false,
  },
  {
    id: 'urgent',
    question: 'Does it come with a fever, chest pain or trouble breathing?',
    label: 'Back pain together with a fever, chest pain or trouble breathing',
    urgent: true,
  },
];

export interface Professional {
  id: 'physical-therapist' | 'chiropractor' | 'massage-therapist' | 'doctor';
  name: string;
  offers: string;
}

export const PROFESSIONALS: readonly Professional[] = [
  {
    id: 'doctor',
    name: 'Doctor',
    offers: 'The first stop with any warning sign: finds out whether something other than tight muscles is behind the pain, and refers you on.',
  },
  {
    id: 'physical-therapist',
    name: 'Physical therapist (physiotherapist)',
    offers: 'Looks at how you move and gives you a personal exercise plan, with hands-on treatment and advice on posture and your workspace.',
  },
  {
    id: 'chiropractor',
    name: 'Chiropractor',
    offers: 'Treats the joints of the spine by hand, mainly with spinal manipulation (quick, controlled pushes on a joint) and mobilisation.',
  },
  {
    id: 'massage-therapist',
    name: 'Massage therapist',
    offers: 'Works on tight, sore muscles with massage to ease tension; reaches the spots between the shoulder blades that are hard to reach yourself.',
  },
];

/** A pain or stiffness rating at or above this is "high": the safety check is asked again. */
export const HIGH_PAIN = 7;

/** What the user answered in the safety check: the flags they said yes to, and when. */
export interface SafetyAnswers {
  answeredAt: number;
  flags: RedFlagId[];
}

export type SafetyAdvice = 'urgent' | 'see-professional' | 'clear';

export function adviceFor(flags: readonly RedFlagId[]): SafetyAdvice {
  if (flags.some((id) => RED_FLAGS.find((flag) => flag.id === id)?.urgent)) return 'urgent';
  return flags.length > 0 ? 'see-professional' : 'clear';
}

export const ADVICE_TEXT: Record<SafetyAdvice, string> = {
  urgent:
    'Get medical help now. Back pain with chest pain or trouble breathing needs emergency care (call your local emergency number); with a fever, see a doctor today. Do not stretch it away.',
  'see-professional':
    'See a doctor or physical therapist before you go on: with this kind of pain, self-treatment can make things worse. You can still continue here if you choose to, gently.',
  clear: 'No warning signs. Move gently, never force a stretch, and stop if you feel sharp pain.',
};

/** What to do after "Stop — it hurts". */
export const PAIN_STOP_ADVICE =
  'You stopped because it hurt: rest now, and do not push through pain. If the pain is sharp, lasts, keeps coming back, or comes with numbness, tingling or weakness, see a doctor or physical therapist before you stretch again.';

const FLAG_IDS: ReadonlySet<string> = new Set(RED_FLAGS.map((flag) => flag.id));

/** Reads stored answers back; anything malformed is "not answered" (undefined). */
export function parseSafetyAnswers(value: unknown): SafetyAnswers | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { answeredAt, flags } = value as Record<string, unknown>;
  if (typeof answeredAt !== 'number' || !Number.isFinite(answeredAt) || !Array.isArray(flags)) return undefined;
  if (!flags.every((flag): flag is RedFlagId => typeof flag === 'string' && FLAG_IDS.has(flag))) return undefined;
  return { answeredAt, flags: [...new Set(flags)] };
}

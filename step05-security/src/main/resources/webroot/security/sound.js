// The alert sounds, made with the Web Audio API: no sound file to serve, and a pattern per priority
// that a nurse learns to tell apart without looking, as IEC 60601-1-8's bursts intend (high: ten
// quick pulses in two groups; medium: three; low: two slow ones, lower in pitch). The tones here
// are the idea of that standard, not its certified melodies.
//
// Nothing plays until the user switches the sound on: browsers refuse audio a page starts by itself
// (autoplay policy), and a page that beeps at whoever opens it is not one a ward keeps open. The
// AudioContext is made in the click that switches it on, which is what browsers allow.

// Each pattern: a pitch, how long each pulse sounds, and when each pulse starts (ms from the start).
const PATTERNS = {
  high: { hz: 988, pulseMs: 120, starts: [0, 200, 400, 800, 1000, 1800, 2000, 2200, 2600, 2800] },
  medium: { hz: 784, pulseMs: 200, starts: [0, 350, 700] },
  low: { hz: 523, pulseMs: 300, starts: [0, 600] },
};
const RANK = { low: 1, medium: 2, high: 3 };
// Loud enough to hear over a ward, soft enough not to clip; each pulse fades in and out over this
// long, so it does not click.
const VOLUME = 0.2;
const RAMP_S = 0.01;

let context = null;          // made when the user first switches the sound on
let on = false;
let playing = null;          // { priority, until } while a pattern sounds (AudioContext time)

export function isOn() {
  return on;
}

// Switches the sound on or off; on must be called from a user's click (browsers allow audio then).
export function switchSound(wanted) {
  on = wanted;
  if (on) {
    context ??= new AudioContext();
    context.resume(); // a context made earlier may have been suspended while the sound was off
  } else if (context !== null) {
    context.suspend();
    playing = null;
  }
}

// Plays the pattern of one priority, if the sound is on. A pattern already sounding is not cut or
// doubled: a new one plays only if it is of a higher priority (then both sound; the higher one is
// what the ear picks out). Returns whether it played.
export function play(priority) {
  if (!on || context === null || !Object.hasOwn(PATTERNS, priority)) return false;
  const pattern = PATTERNS[priority];
  const now = context.currentTime;
  if (playing !== null && playing.until > now && RANK[playing.priority] >= RANK[priority]) return false;
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  const oscillator = context.createOscillator();
  oscillator.type = 'sine';
  oscillator.frequency.value = pattern.hz;
  oscillator.connect(gain);
  const pulse = pattern.pulseMs / 1000;
  for (const startMs of pattern.starts) {
    const at = now + startMs / 1000;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(VOLUME, at + RAMP_S);
    gain.gain.setValueAtTime(VOLUME, at + pulse - RAMP_S);
    gain.gain.linearRampToValueAtTime(0, at + pulse);
  }
  const until = now + pattern.starts[pattern.starts.length - 1] / 1000 + pulse;
  oscillator.start(now);
  oscillator.stop(until);
  oscillator.onended = () => gain.disconnect();
  playing = { priority, until };
  return true;
}

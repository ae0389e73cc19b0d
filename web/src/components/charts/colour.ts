/**
 * The heat map's sequential colour: from the page's surface to the accent blue, one hue, so darker always
 * means a higher value (ColorBrewer's single-hue Blues is the model). Linear in sRGB is close enough over
 * one hue; the legend draws the same ramp.
 */
const LOW = [0xf2, 0xf6, 0xfb] as const;
const HIGH = [0x14, 0x3d, 0x73] as const;

export function rampColour(t: number): string {
  const k = Math.min(1, Math.max(0, t));
  const c = LOW.map((lo, i) => Math.round(lo + ((HIGH[i] ?? lo) - lo) * k));
  return `rgb(${c.join(', ')})`;
}

/** Dark cells take light text. */
export function inkOn(t: number): 'light' | 'dark' {
  return t > 0.55 ? 'light' : 'dark';
}

export const RAMP_STOPS = [0, 0.25, 0.5, 0.75, 1] as const;

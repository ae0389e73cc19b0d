import type { TraitScale } from '../api/labeling.ts';

/**
 * The keys of the labeling page: which digit picks which point of a trait's scale. A scale of up to ten points
 * gets one key per point — its own digit when every point is 0–9 (a 1–5 rubric: 1–5), else by position, 1–9 then
 * 0 (a 1–10 scale: 0 is 10). A wider numeric scale (0–100) is typed: the digits build the number.
 */

export interface ScalePoint {
  value: number | string;
  /** The digit that picks it, or null on a typed scale. */
  key: string | null;
  label: string;
  /** The rubric's anchor text for this point, if it has one. */
  anchor: string | null;
}

const POSITION_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** Points of a numeric scale listed one by one; past this, only the anchored points are listed. */
const MAX_LISTED_POINTS = 11;

function byPosition<T>(values: readonly T[]): (string | null)[] {
  return values.map((_, i) => (values.length <= POSITION_KEYS.length ? (POSITION_KEYS[i] ?? null) : null));
}

/** Every point a labeler can choose, with its key and anchor, in scale order. */
export function scalePoints(scale: TraitScale): ScalePoint[] {
  if (scale === null) return [];
  if (scale.kind === 'boolean') {
    return [
      { value: 0, key: '0', label: 'no', anchor: null },
      { value: 1, key: '1', label: 'yes', anchor: null },
    ];
  }
  if (scale.kind === 'categorical') {
    const keys = byPosition(scale.categories);
    return scale.categories.map((c, i) => ({ value: c, key: keys[i] ?? null, label: c, anchor: null }));
  }
  const min = Math.ceil(scale.min);
  const max = Math.floor(scale.max);
  const values: number[] = [];
  for (let v = min; v <= max; v++) values.push(v);
  const anchorOf = (v: number) => scale.anchors?.[String(v)] ?? null;
  if (values.length > MAX_LISTED_POINTS || values.length > POSITION_KEYS.length) {
    const listed = values.length > MAX_LISTED_POINTS ? values.filter((v) => anchorOf(v) !== null) : values;
    return listed.map((v) => ({ value: v, key: null, label: String(v), anchor: anchorOf(v) }));
  }
  const ownDigits = values.every((v) => v >= 0 && v <= 9);
  const keys = ownDigits ? values.map(String) : byPosition(values);
  return values.map((v, i) => ({ value: v, key: keys[i] ?? null, label: String(v), anchor: anchorOf(v) }));
}

/** Whether the scale is picked by typing its number rather than one key per point. */
export function isTypedScale(scale: TraitScale): boolean {
  return scale?.kind === 'numeric' && Math.floor(scale.max) - Math.ceil(scale.min) + 1 > POSITION_KEYS.length;
}

export interface DigitResult {
  /** The digits typed so far on a typed scale (shown to the labeler); '' otherwise. */
  typed: string;
  /** The point chosen, or null when the digit picks nothing on this scale. */
  value: number | string | null;
}

/**
 * A digit pressed. One-key scales: the point with that key. Typed scales: the digit is appended while the
 * number stays within the scale (`1`, `0` → 10 on 0–100), and starts a new number when it would not.
 */
export function pressDigit(scale: TraitScale, typed: string, digit: string): DigitResult {
  if (!/^[0-9]$/.test(digit)) return { typed, value: null };
  if (scale?.kind === 'numeric' && isTypedScale(scale)) {
    const max = Math.floor(scale.max);
    const min = Math.ceil(scale.min);
    const longer = String(Number(typed + digit));
    const next = Number(longer) <= max ? longer : String(Number(digit));
    const value = Number(next);
    return { typed: next, value: value >= min && value <= max ? value : null };
  }
  const point = scalePoints(scale).find((p) => p.key === digit);
  return { typed: '', value: point ? point.value : null };
}

/** The digits of a scale in words, for the key hints: `1–5`, `1–9, 0 for 10`, `type the number, 0–100`. */
export function digitHint(scale: TraitScale): string {
  if (scale === null) return 'no scale to label on';
  if (isTypedScale(scale) && scale.kind === 'numeric') return `type the number, ${Math.ceil(scale.min)}–${Math.floor(scale.max)}`;
  const points = scalePoints(scale).filter((p) => p.key !== null);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'no scale to label on';
  if (scale.kind === 'boolean') return '0 no, 1 yes';
  if (last.key === '0' && points.length > 1 && first.key === '1') {
    const ninth = points[points.length - 2];
    return `${first.key}–${ninth?.key ?? first.key}, 0 for ${last.label}`;
  }
  return points.length === 1 ? `${first.key}` : `${first.key}–${last.key}`;
}

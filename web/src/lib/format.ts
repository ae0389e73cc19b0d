const numberFormat = new Intl.NumberFormat('en');

export function formatCount(n: number, one: string, many: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2025-11-25 18:27` in the reader's time zone: sortable at a glance and the same width in every row. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** `1.2 MB`, `340 KB`, `12 B`: file sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * `just now`, `5 min ago`, `3 h ago`, `2 days ago`, then the date: how long since a last use or sign-in.
 * The server keeps these to within minutes, so nothing finer is shown; `null` (never) reads as `never`.
 */
export function formatAgo(iso: string | null, nowMs: number): string {
  if (iso === null) return 'never';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const ago = nowMs - at;
  if (ago < MINUTE_MS) return 'just now';
  if (ago < HOUR_MS) return `${Math.floor(ago / MINUTE_MS)} min ago`;
  if (ago < DAY_MS) return `${Math.floor(ago / HOUR_MS)} h ago`;
  if (ago < 30 * DAY_MS) return formatCount(Math.floor(ago / DAY_MS), 'day ago', 'days ago');
  return formatDateTime(iso);
}

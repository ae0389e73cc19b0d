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

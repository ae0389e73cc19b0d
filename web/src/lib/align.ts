/**
 * Lining up two to four transcripts of one scenario turn by turn. Transcripts of the same scenario start
 * from the same first user turn; with a simulated user (Spiral-Bench) later user turns answer each model
 * and drift apart. Alignment is by message index, the one axis every version shares.
 */
export interface AlignMessage {
  index: number;
  role: string;
  text: string;
}

export interface AlignedRow<M> {
  index: number;
  cells: (M | null)[];
}

export function alignByTurn<M extends { index: number }>(columns: readonly (readonly M[])[]): AlignedRow<M>[] {
  const length = Math.max(0, ...columns.map((c) => (c.length ? Math.max(...c.map((m) => m.index)) + 1 : 0)));
  const byIndex = columns.map((c) => new Map(c.map((m) => [m.index, m])));
  const rows: AlignedRow<M>[] = [];
  for (let index = 0; index < length; index++) rows.push({ index, cells: byIndex.map((m) => m.get(index) ?? null) });
  return rows;
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * The first turn where the user side differs between the columns: a user turn whose text is not the same
 * in all of them, or that some of them lack. Null when the user said the same everywhere.
 */
export function firstUserDivergence(columns: readonly (readonly AlignMessage[])[]): number | null {
  if (columns.length < 2) return null;
  for (const row of alignByTurn(columns)) {
    const users = row.cells.filter((m) => m?.role === 'user');
    if (!users.length) continue;
    if (users.length !== row.cells.length) return row.index;
    const first = users[0]?.text ?? '';
    if (users.some((m) => !sameWords(m?.text ?? '', first))) return row.index;
  }
  return null;
}

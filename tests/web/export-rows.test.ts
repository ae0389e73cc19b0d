import { describe, expect, test } from 'vitest';
import { csvCell, exportFileName, toCsv, toJsonl, type ExportRow } from '../../web/src/lib/export-rows.ts';

/** An RFC 4180 reader, to read exports back as a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && body[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('CSV cells', () => {
  test('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  test('numbers stay numbers, negative ones included; null is an empty cell', () => {
    expect(csvCell(-0.239)).toBe('-0.239');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  test('commas, quotes, line breaks and edge spaces are quoted, quotes doubled', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });
});

describe('a table as CSV and JSONL', () => {
  const rows: ExportRow[] = [
    { trait: 'Pushback · Spiral-Bench · 0–∞ per chunk', model: 'claude-sonnet-4', mean: 0.238, ciLow: 0.108, note: null },
    { trait: 'Wärme, "herzlich"', model: 'modèle-β 日本', mean: -1.5, ciLow: -2, note: '=1+1' },
  ];

  test('CSV: a BOM, a header of every key, CRLF lines; read back it is the rows', () => {
    const csv = toCsv(rows);
    expect(csv.startsWith('\uFEFFtrait,model,mean,ciLow,note\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...body] = parseCsv(csv);
    expect(header).toEqual(['trait', 'model', 'mean', 'ciLow', 'note']);
    expect(body).toEqual([
      ['Pushback · Spiral-Bench · 0–∞ per chunk', 'claude-sonnet-4', '0.238', '0.108', ''],
      ['Wärme, "herzlich"', 'modèle-β 日本', '-1.5', '-2', "'=1+1"],
    ]);
  });

  test('columns are the union of the keys, in the order first seen', () => {
    const [header, first, second] = parseCsv(toCsv([{ a: 1 }, { b: 'x', a: 2 }]));
    expect(header).toEqual(['a', 'b']);
    expect(first).toEqual(['1', '']);
    expect(second).toEqual(['2', 'x']);
  });

  test('JSONL: one object a line, unicode kept as is', () => {
    const jsonl = toJsonl(rows);
    expect(jsonl.split('\n')).toHaveLength(3);
    expect(jsonl.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual(rows);
    expect(jsonl).toContain('日本');
    expect(toJsonl([])).toBe('');
  });

  test('file names keep only safe characters', () => {
    expect(exportFileName(['overview', 'spiral.pushback:import', 'claude 3.5 / sonnet'], 'csv')).toBe('overview-spiral.pushback-import-claude-3.5-sonnet.csv');
    expect(exportFileName(['', '///'], 'jsonl')).toBe('charlens.jsonl');
  });
});

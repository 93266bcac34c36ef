/**
 * A small RFC 4180 CSV reader for the files clustersim writes (comma-separated, a header
 * line, fields quoted only when they hold a comma, quote or line break). Numbers are left
 * as strings; `num` converts, with an empty field read as NaN (a missing value).
 */

export interface Table {
  header: string[];
  rows: string[][];
}

export function parseCsv(text: string): Table {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not data
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') endRecord();
    else if (c === '\r') {
      if (text[i + 1] !== '\n') endRecord();
    } else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows };
}

/** Field value as a number; empty or unparsable gives NaN. */
export function num(s: string | undefined): number {
  if (s === undefined || s.trim() === '') return NaN;
  return Number(s);
}

/** Columns named in `required` that the header lacks. */
export function missingColumns(table: Table, required: readonly string[]): string[] {
  const have = new Set(table.header);
  return required.filter((c) => !have.has(c));
}

/** Rows as objects keyed by header name. */
export function objects(table: Table): Record<string, string>[] {
  return table.rows.map((r) => {
    const o: Record<string, string> = {};
    table.header.forEach((h, k) => (o[h] = r[k] ?? ''));
    return o;
  });
}

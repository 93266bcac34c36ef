import { describe, expect, it } from 'vitest';
import { missingColumns, num, objects, parseCsv } from '../../src/report/csv.js';

describe('csv reader', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    const t = parseCsv('\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,,"multi\nline"\r\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, y', 'say "hi"'],
      ['2', '', 'multi\nline'],
    ]);
    expect(objects(t)[0]).toEqual({ a: '1', b: 'x, y', c: 'say "hi"' });
  });

  it('handles a missing final newline and blank lines', () => {
    expect(parseCsv('a\n1\n\n2').rows).toEqual([['1'], ['2']]);
  });

  it('reads empty fields as NaN and reports missing columns', () => {
    expect(num('')).toBeNaN();
    expect(num('1e-3')).toBe(0.001);
    expect(missingColumns(parseCsv('a,b\n'), ['a', 'c', 'd'])).toEqual(['c', 'd']);
  });
});

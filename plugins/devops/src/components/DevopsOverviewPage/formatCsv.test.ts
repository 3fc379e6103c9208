import { formatCsv } from './formatCsv';

describe('formatCsv', () => {
  it('joins plain cells with commas and ends every line with CRLF', () => {
    expect(
      formatCsv([
        ['service', 'score'],
        ['payments-api', 67],
      ]),
    ).toBe('service,score\r\npayments-api,67\r\n');
  });

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(
      formatCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\rlf', 'plain']]),
    ).toBe('"a,b","say ""hi""","two\nlines","cr\rlf",plain\r\n');
  });

  it('keeps leading and trailing spaces by quoting them', () => {
    expect(formatCsv([[' padded ', 'x']])).toBe('" padded ",x\r\n');
  });

  it('writes missing values as empty cells', () => {
    expect(formatCsv([[undefined, 'x', undefined]])).toBe(',x,\r\n');
  });

  it('stops spreadsheets from evaluating formula-like text', () => {
    expect(
      formatCsv([['=HYPERLINK("http://evil")', '+1', '-rc', '@SUM(A1)']]),
    ).toBe(`"'=HYPERLINK(""http://evil"")",'+1,'-rc,'@SUM(A1)\r\n`);
  });

  it('leaves numbers as numbers, negative ones included', () => {
    expect(formatCsv([[-1, 0.5]])).toBe('-1,0.5\r\n');
  });

  it('round-trips through a CSV reader', () => {
    const rows = [
      ['name', 'note'],
      ['a', 'x, "y"\nz'],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });
});

// A small RFC 4180 reader for the round trip above, written independently
// of formatCsv: it walks the text character by character.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

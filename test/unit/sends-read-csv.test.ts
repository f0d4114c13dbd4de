import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvFormatError, parseCsvText, sniffCsvBytes } from '../../src/main/sends/read'
import { detectDelimiter, detectHeaderRow } from '../../src/main/sends/read/csv/dialect'
import { detectEncoding, firstInvalidUtf8 } from '../../src/main/sends/read/csv/encoding'
import { CsvParser } from '../../src/main/sends/read/csv/parser'
import type { CsvRecord } from '../../src/main/sends/read/types'

const cells = (records: CsvRecord[]): string[][] => records.map((r) => r.cells)

describe('CSV parser (RFC 4180)', () => {
  it('reads quoted delimiters, doubled quotes and newlines inside quotes', () => {
    const records = parseCsvText('a,b,c\n"x,1","say ""hi""","two\nlines"\n"cr\r\nlf",plain,end\n', ',')
    expect(cells(records)).toEqual([
      ['a', 'b', 'c'],
      ['x,1', 'say "hi"', 'two\nlines'],
      ['cr\r\nlf', 'plain', 'end']
    ])
    expect(records.map((r) => r.line)).toEqual([1, 2, 4])
  })

  it('accepts CRLF, LF and lone CR line ends and a last line without one', () => {
    expect(cells(parseCsvText('a;b\r\n1;2\r3;4\n5;6', ';'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6']
    ])
  })

  it('drops blank lines, rows of empty cells and trailing empty columns, counting lines', () => {
    const records = parseCsvText('h1;h2;;\n\n;;;\n  \nv1;;v3;;;\n', ';')
    expect(cells(records)).toEqual([
      ['h1', 'h2'],
      ['v1', '', 'v3']
    ])
    expect(records.map((r) => r.line)).toEqual([1, 5])
  })

  it('keeps text after a closing quote and quotes inside unquoted fields, as Excel does', () => {
    expect(cells(parseCsvText('"abc"def,5" screen\n', ','))).toEqual([['abcdef', '5" screen']])
  })

  it('says where an unterminated quote opens: line and byte offset', () => {
    const text = 'email,comment\nok@example.com,fine\nbad@example.com,"never closed\nmore\n'
    try {
      parseCsvText(text, ',')
      expect.unreachable('an unterminated quote must throw')
    } catch (e) {
      expect(e).toBeInstanceOf(CsvFormatError)
      const err = e as CsvFormatError
      expect(err.line).toBe(3)
      expect(err.byteOffset).toBe(text.indexOf('"never'))
      expect(err.message).toMatch(/never closed.*line 3, byte 50/)
    }
  })

  it('refuses a row that never ends (not a CSV file) instead of holding it all', () => {
    const parser = new CsvParser(',')
    const out: CsvRecord[] = []
    const block = 'x'.repeat(300_000)
    expect(() => {
      for (let i = 0; i < 5; i++) parser.push(block, out)
    }).toThrow(/does not look like a CSV file \(line 1, byte \d+\)/)
  })

  it('counts byte offsets in bytes, not characters', () => {
    const text = 'é€,x\n"open'
    const err = (() => {
      try {
        parseCsvText(text, ',')
      } catch (e) {
        return e as CsvFormatError
      }
      throw new Error('expected an error')
    })()
    expect(err.byteOffset).toBe(Buffer.byteLength('é€,x\n'))
    expect(err.line).toBe(2)
  })

  it('gives the same records however the text is cut into chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r\n', ' ', '€', 'x'), maxLength: 6 })
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), (rows, cuts) => {
        const quote = (c: string): string => `"${c.replace(/"/g, '""')}"`
        const text = rows.map((r) => r.map(quote).join(',')).join('\r\n')
        const whole = parseCsvText(text, ',')
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
        const parser = new CsvParser(',')
        const out: CsvRecord[] = []
        let from = 0
        for (const p of [...points, text.length]) {
          parser.push(text.slice(from, p), out)
          from = p
        }
        parser.end(out)
        expect(out).toEqual(whole)
      })
    )
  })
})

describe('dialect detection', () => {
  it('picks semicolons over the decimal commas of a European export', () => {
    expect(detectDelimiter('Naam;Bedrag;Datum\nJan;12,50;01/02/2030\nEls;7,25;02/02/2030\n', true)).toBe(';')
  })

  it('picks tabs, and commas, and respects quotes holding other delimiters', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n', true)).toBe('\t')
    expect(detectDelimiter('name,comment\nA,"x;y;z"\nB,"p;q"\n', true)).toBe(',')
  })

  it('finds the header row below a title line, and none in a file of data only', () => {
    const withTitle = parseCsvText('Export week 47\nEmail;Name;Phone\na@example.com;A;0470123456\n', ';')
    expect(detectHeaderRow(withTitle)).toBe(1)
    const dataOnly = parseCsvText('a@example.com;A;0470123456\nb@example.com;B;0470123457\n', ';')
    expect(detectHeaderRow(dataOnly)).toBeNull()
  })

  it('lets the caller choose another header row, and names the columns of a headerless file', () => {
    const bytes = Buffer.from('Export\nEmail;Name\na@example.com;A\n')
    expect(sniffCsvBytes(bytes).headers).toEqual(['Email', 'Name'])
    expect(sniffCsvBytes(bytes, { headerRow: 2 }).headers).toEqual(['a@example.com', 'A'])
    expect(sniffCsvBytes(bytes, { headerRow: null }).headers).toEqual(['Column 1', 'Column 2'])
    expect(() => sniffCsvBytes(bytes, { headerRow: 7 })).toThrow(/headerRow|row 8/)
  })
})

describe('encoding detection', () => {
  it('reads BOMs', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bomLength: 3 })
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bomLength: 2 })
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]))).toEqual({ encoding: 'utf-16be', bomLength: 2 })
  })

  it('tells UTF-16 without a BOM by its NUL bytes', () => {
    expect(detectEncoding(Buffer.from('email,name\n', 'utf16le')).encoding).toBe('utf-16le')
    expect(detectEncoding(Buffer.from('email,name\n', 'utf16le').swap16()).encoding).toBe('utf-16be')
  })

  it('falls back to Windows-1252, or ISO-8859-15 when only 0xA4 (its €) is there', () => {
    expect(detectEncoding(Buffer.from('Prénom;Reçu', 'utf8')).encoding).toBe('utf-8')
    expect(detectEncoding(Buffer.from([0x50, 0x72, 0xe9, 0x6e])).encoding).toBe('windows-1252')
    expect(detectEncoding(Buffer.from([0x31, 0x32, 0x20, 0x80])).encoding).toBe('windows-1252')
    expect(detectEncoding(Buffer.from([0x31, 0x32, 0x20, 0xa4])).encoding).toBe('iso-8859-15')
  })

  it('finds the first invalid UTF-8 byte, and tolerates a character cut by the end of a sample', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0x62, 0xe9, 0x63]))).toBe(4)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]), true)).toBe(-1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1)
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0) // overlong
  })
})

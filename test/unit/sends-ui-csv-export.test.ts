import { describe, expect, it } from 'vitest'
import { neutraliseCell, restoreCell, toExcelCsv } from '../../src/main/sends/service/csv-export'
import { parseCsvText } from '../../src/main/sends/read'

describe('failed-rows export: Excel-safe CSV', () => {
  it('neutralises cells Excel would run as formulas, and only those', () => {
    expect(['=SUM(A1)', '+32470123456', '-5', '@cmd', '\tx', 'plain', 'a=b', ''].map(neutraliseCell)).toEqual([
      "'=SUM(A1)",
      "'+32470123456",
      "'-5",
      "'@cmd",
      "'\tx",
      'plain',
      'a=b',
      ''
    ])
  })

  it('writes a BOM, CRLF and RFC 4180 quoting, and reads back to the same cells once the escape is removed', () => {
    const headers = ['Naam', 'Opmerking', 'GSM']
    const rows = [
      ['Anaïs "Ana" Dubois', 'line one\nline two', '+32470123456'],
      ['Bram, jr', '=HYPERLINK("http://x")', '0470 12 34 56']
    ]
    const csv = toExcelCsv(headers, rows)
    expect(csv.startsWith('\uFEFFNaam,Opmerking,GSM\r\n')).toBe(true)
    expect(csv).toContain(`"Anaïs ""Ana"" Dubois","line one\nline two",'+32470123456\r\n`)
    const records = parseCsvText(csv.slice(1), ',')
    expect(records.map((r) => r.cells.map(restoreCell))).toEqual([headers, ...rows])
  })

  it('restoreCell leaves ordinary apostrophes alone', () => {
    expect(restoreCell("'s-Hertogenbosch")).toBe("'s-Hertogenbosch")
    expect(restoreCell("'")).toBe("'")
    expect(restoreCell("'-3")).toBe('-3')
  })
})

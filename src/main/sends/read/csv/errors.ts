import { AppError } from '../../../../shared/errors'

export interface CsvErrorPlace {
  line: number
  byteOffset: number
  file?: string
  /** 'encoding': the bytes do not decode (another encoding may read them); 'syntax': the CSV itself is broken. */
  kind?: 'encoding' | 'syntax'
}

/** A file that cannot be read as CSV; the message says why and where (line and byte), so a user can open it and look. */
export class CsvFormatError extends AppError {
  readonly reason: string
  readonly line: number
  readonly byteOffset: number
  readonly file: string | undefined
  readonly kind: 'encoding' | 'syntax'

  constructor(reason: string, where: CsvErrorPlace) {
    const place = `line ${where.line}, byte ${where.byteOffset}`
    super('validation', `${where.file ? `${where.file}: ` : ''}${reason} (${place})`, {
      details: [{ field: 'file', message: `${reason} (${place})` }]
    })
    this.name = 'CsvFormatError'
    this.reason = reason
    this.line = where.line
    this.byteOffset = where.byteOffset
    this.file = where.file
    this.kind = where.kind ?? 'syntax'
  }

  /** What crosses a thread boundary; `fromPlace` rebuilds the same error on the other side. */
  toPlace(): CsvErrorPlace & { reason: string } {
    return { reason: this.reason, line: this.line, byteOffset: this.byteOffset, file: this.file, kind: this.kind }
  }

  static fromPlace(p: CsvErrorPlace & { reason: string }): CsvFormatError {
    return new CsvFormatError(p.reason, p)
  }
}

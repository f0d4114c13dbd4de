import { z } from 'zod'

/** Every failure that crosses a process boundary is one of these codes, so callers can branch on it. */
export const ErrorCode = z.enum([
  'validation', // an input did not match the contract; details name the fields
  'not_found',
  'conflict',
  'keychain_unavailable', // no OS keychain: we refuse to store secrets anywhere else
  'unauthorized', // a provider rejected the credentials
  'forbidden',
  'rate_limited',
  'network', // could not reach a provider
  'provider', // a provider answered with something we could not use
  'unsupported',
  'internal'
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const FieldError = z.object({
  /** Dotted path of the offending field, e.g. `settings.region` or `rows.12.email`; '' for the whole input. */
  field: z.string(),
  message: z.string()
})
export type FieldError = z.infer<typeof FieldError>

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.array(FieldError),
  retryable: z.boolean()
})
export type AppErrorShape = z.infer<typeof AppErrorShape>

/** A thrown AppError; `toShape()` is what crosses IPC/HTTP. Messages must never contain a secret. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: FieldError[]
  readonly retryable: boolean

  constructor(code: ErrorCode, message: string, opts: { details?: FieldError[]; retryable?: boolean } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = opts.details ?? []
    this.retryable = opts.retryable ?? false
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, details: this.details, retryable: this.retryable }
  }

  static fromShape(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, { details: shape.details, retryable: shape.retryable })
  }

  static validation(details: FieldError[], message?: string): AppError {
    const first = details[0]
    const summary = message ?? (first ? `${first.field || 'input'}: ${first.message}` : 'Invalid input')
    return new AppError('validation', summary, { details })
  }
}

/** Turns zod issues into field errors with dotted paths, so a form can put each message on its field. */
export function zodIssuesToFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  const join = (path: readonly PropertyKey[]): string => [prefix, ...path.map(String)].filter((p) => p !== '').join('.')
  return error.issues.flatMap((issue) =>
    // A strict object names the unexpected keys in one issue; split it so each lands on its own field.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: join([...issue.path, key]), message: 'Not used here: remove this field' }))
      : [{ field: join(issue.path), message: issue.message }]
  )
}

/** The envelope every transport uses, because Electron's invoke and fetch both flatten thrown errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

/** What a route handler answers. */
export interface SimResult {
  status: number
  headers?: Record<string, string | number | readonly string[]>
  /** Serialised as JSON with content-type application/json; charset=utf-8 (unless headers set one). */
  json?: unknown
  /** Sent as is, text/plain; charset=utf-8 unless headers set a content type. */
  text?: string
  /** JSON already encoded as UTF-8 bytes, sent as is with the JSON content type. */
  jsonBytes?: Uint8Array
}

/** A JSON answer: `return json(200, { data })`. */
export function json(status: number, body: unknown, headers?: SimResult['headers']): SimResult {
  return headers ? { status, json: body, headers } : { status, json: body }
}

/** A text (or empty) answer: `return text(204)`. */
export function text(status: number, body = '', headers?: SimResult['headers']): SimResult {
  return headers ? { status, text: body, headers } : { status, text: body }
}

/** The body bytes and content type a result is sent with. */
export function serialise(result: SimResult): { body: string | Uint8Array; contentType: string | null } {
  if (result.jsonBytes !== undefined) return { body: result.jsonBytes, contentType: 'application/json; charset=utf-8' }
  if (result.json !== undefined) return { body: JSON.stringify(result.json), contentType: 'application/json; charset=utf-8' }
  if (result.text !== undefined && result.text !== '') return { body: result.text, contentType: 'text/plain; charset=utf-8' }
  return { body: '', contentType: null }
}

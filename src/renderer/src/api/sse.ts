/** One server-sent event as the stream delivered it. */
export interface SseFrame {
  event: string
  data: string
}

/**
 * Incremental text/event-stream parser (the subset the web host sends: `event:`, `data:`, comments).
 * EventSource cannot send our token header, so the stream is read with fetch and parsed here.
 */
export class SseParser {
  private buffer = ''
  private event = ''
  private data: string[] = []

  /** Feeds a decoded chunk; returns the frames it completed. */
  push(chunk: string): SseFrame[] {
    this.buffer += chunk
    const frames: SseFrame[] = []
    // A trailing '\r' may be half of a '\r\n' split across chunks: keep it for the next push.
    const lines = this.buffer.split(/\r\n|\n|\r(?!$)/)
    this.buffer = lines.pop() ?? ''
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) frames.push({ event: this.event || 'message', data: this.data.join('\n') })
        this.event = ''
        this.data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      let value = colon === -1 ? '' : line.slice(colon + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'event') this.event = value
      else if (field === 'data') this.data.push(value)
    }
    return frames
  }
}

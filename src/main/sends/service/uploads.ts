import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'

/** Uploads older than this are leftovers of a wizard nobody finished (or a crash): removed at start. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000

export interface Upload {
  id: string
  fileName: string
  size: number
  path: string
  received: number
  complete: boolean
}

/**
 * The renderer cannot hand main a path (a browser has none, and a path from the renderer must not be
 * trusted), so it sends the file's bytes in ordered chunks; they land in a private temp folder of the
 * data dir, and every later step names the upload by its random id.
 */
export class UploadStore {
  private readonly dir: string
  private readonly uploads = new Map<string, Upload>()

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'send-uploads')
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    this.removeStale()
  }

  begin(fileName: string, size: number): Upload {
    const id = randomBytes(12).toString('base64url')
    const path = join(this.dir, `${id}.csv`)
    closeSync(openSync(path, 'w', 0o600))
    const upload: Upload = { id, fileName, size, path, received: 0, complete: false }
    this.uploads.set(id, upload)
    return upload
  }

  /** Chunks are appended in order; one out of order (a lost or repeated chunk) fails loudly instead of corrupting the file. */
  append(id: string, offset: number, bytes: Buffer): Upload {
    const upload = this.get(id)
    if (upload.complete) throw new AppError('conflict', 'This upload is already complete')
    if (offset !== upload.received) {
      throw AppError.validation([{ field: 'offset', message: `Expected the chunk at byte ${upload.received}, got one at ${offset}` }])
    }
    if (upload.received + bytes.length > upload.size) {
      throw AppError.validation([{ field: 'data', message: `The file is longer than the ${upload.size} bytes announced` }])
    }
    const fd = openSync(upload.path, 'a')
    try {
      writeSync(fd, bytes)
    } finally {
      closeSync(fd)
    }
    upload.received += bytes.length
    return upload
  }

  finish(id: string): Upload {
    const upload = this.get(id)
    if (upload.received !== upload.size) {
      throw AppError.validation([{ field: 'uploadId', message: `Only ${upload.received} of ${upload.size} bytes arrived; upload the file again` }])
    }
    upload.complete = true
    return upload
  }

  /** A registered upload, or a file from this folder (the CLI registers its own file as an upload). */
  get(id: string): Upload {
    const upload = this.uploads.get(id)
    if (!upload) throw new AppError('not_found', 'This file is no longer open; choose it again')
    return upload
  }

  /** The CLI reads a file it was given by path: no copy, no chunks. */
  registerLocal(fileName: string, path: string): Upload {
    const id = randomBytes(12).toString('base64url')
    const size = statSync(path).size
    const upload: Upload = { id, fileName, size, path, received: size, complete: true }
    this.uploads.set(id, upload)
    return upload
  }

  discard(id: string): boolean {
    const upload = this.uploads.get(id)
    if (!upload) return false
    this.uploads.delete(id)
    if (upload.path.startsWith(this.dir)) rmSync(upload.path, { force: true })
    return true
  }

  discardAll(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id)
  }

  private removeStale(): void {
    const now = Date.now()
    for (const name of readdirSync(this.dir)) {
      const p = join(this.dir, name)
      try {
        if (now - statSync(p).mtimeMs > STALE_AFTER_MS) rmSync(p, { force: true })
      } catch {
        // Another process (the CLI beside the app) may have removed it first.
      }
    }
  }
}

/**
 * Saves a file through the browser's download mechanism: the web host's page and Electron's window
 * both handle it (Electron asks where to save), and no file-system access is needed in the renderer.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoked after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** A file-name-safe slug with the date: "survey-desk-nps-2026-11-22.csv". */
export function exportFileName(parts: string[], ext: string, now = new Date()): string {
  const slug = parts
    .join('-')
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
  const day = now.toISOString().slice(0, 10)
  return `survey-desk-${slug || 'report'}-${day}.${ext}`
}

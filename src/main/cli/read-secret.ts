/**
 * Reads a secret from standard input, never from argv (argv is visible to every process on the
 * machine). Piped input is read whole; on a terminal the typed characters are not echoed.
 */
export async function readSecretFromStdin(stdin: NodeJS.ReadStream, prompt: (text: string) => void): Promise<string> {
  if (stdin.isTTY) return readHidden(stdin, prompt)
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  // A trailing newline from `echo` or a file is not part of the secret.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

function readHidden(stdin: NodeJS.ReadStream, prompt: (text: string) => void): Promise<string> {
  prompt('Secret (input hidden), then Enter: ')
  return new Promise((resolve, reject) => {
    let value = ''
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const done = (err?: Error): void => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      prompt('\n')
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (text: string): void => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new Error('Cancelled'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.on('data', onData)
  })
}

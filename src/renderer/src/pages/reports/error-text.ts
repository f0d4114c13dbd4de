/** What went wrong, in the words the error carries (an AppError's message is written for the user). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

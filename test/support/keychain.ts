/**
 * Keychain tests need a Secret Service. `npm test` (scripts/test-all.sh) runs vitest inside a private
 * D-Bus session with an unlocked gnome-keyring and sets SURVEY_DESK_TEST_KEYCHAIN=1; there they must
 * pass. Run bare (`npx vitest`), they are skipped with this reason printed.
 */
export const keychainTestsEnabled = process.env.SURVEY_DESK_TEST_KEYCHAIN === '1'

export function explainKeychainSkip(suite: string): void {
  if (!keychainTestsEnabled) {
    console.warn(`[skipped] ${suite}: needs the private keychain session that \`npm test\` starts (SURVEY_DESK_TEST_KEYCHAIN=1 not set)`)
  }
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { runCliProcess } from '../support/cli'
import { expectNoSeriousA11yViolations } from './support/a11y'
import { SCREENSHOT_DIR } from './support/files'
import { startWebHost, type RunningWebHost } from './support/web-host'

// The whole send wizard in Chromium against the demo workspace: a nasty Excel export (Windows-1252,
// semicolons, a phone Excel mangled, a duplicate written differently), a fix in place, the dry run,
// the real send to the CustomerSure simulator with its live bar, and the export of what was not sent.

let dataDir: string
let host: RunningWebHost | undefined

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-sends-e2e-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // The demo connections and their first sync (surveys and templates in the cache) come from the CLI: quicker than the UI.
  const demo = await runCliProcess(['demo', '--data-dir', dataDir])
  if (demo.code !== 0) throw new Error(`survey-desk demo failed:\n${demo.stderr}`)
})
test.afterAll(async () => {
  await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function openSends(page: Page): Promise<void> {
  // A pairing code works once: each page gets a freshly started host (the jobs are in the ledger on disk).
  await host?.stop()
  host = await startWebHost(dataDir)
  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Sends', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Sends', exact: true })).toBeVisible()
}

/** Excel's "CSV (semicolon)" in a Belgian locale: Windows-1252 bytes, ';', CRLF. */
function cp1252(text: string): Buffer {
  return Buffer.from(Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code
    throw new Error(`not in cp1252: ${ch}`)
  }))
}

const NASTY_CSV = cp1252(
  [
    'Voornaam;Achternaam;GSM;Référence',
    'Anaïs;Dubois;0470 12 34 56;T-1',
    // Too short: a number Excel cut; fixed in place below.
    'Bram;Peeters;0470 12;T-2',
    'Chloé;Lefèvre;+32 471 23 45 67;T-3',
    // The same mobile as Anaïs, written the international way: a duplicate.
    'Anaïs;Dubois;0032470123456;T-4',
    // On the do-not-contact list: skipped, then exported; its reference would run as a formula in Excel.
    'Émile;Janssens;0472 34 56 78;=HYPERLINK("x")',
    ''
  ].join('\r\n')
)

/** The page's own area: the top bar has a connection switcher of its own. */
function main(page: Page): Locator {
  return page.getByRole('main')
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `sends-${name}.png`), fullPage: true })
}

test('the wizard: nasty file → mapping → fix in place → protection → dry run → send → live progress → export', async ({ page }) => {
  await openSends(page)
  await expect(page.getByText('No sends yet')).toBeVisible()
  await page.getByRole('button', { name: 'New send from a CSV file' }).click()

  // ---- file
  await expect(page.getByRole('heading', { name: 'File', exact: true })).toBeFocused()
  const connection = main(page).getByLabel('Connection', { exact: true })
  await connection.selectOption({ label: 'CustomerSure (demo)' })
  await main(page).getByLabel('CSV file').setInputFiles({ name: 'gesloten tickets.csv', mimeType: 'text/csv', buffer: NASTY_CSV })
  await expect(page.getByText(/Read as Windows-1252, separated by semicolon/)).toBeVisible()
  await expect(page.getByRole('table', { name: 'First lines of the file' })).toContainText('Lefèvre')
  await expect(page.getByRole('radio', { name: 'Line 1 is the header row' })).toBeChecked()
  await expectNoSeriousA11yViolations(page, 'sends wizard: file')
  await shot(page, 'file')
  await page.getByRole('button', { name: 'Next: mapping' }).click()

  // ---- mapping: the Dutch headers are recognised; the survey, channel and SMS template are one value for every row
  await expect(page.getByRole('heading', { name: 'Mapping', exact: true })).toBeFocused()
  await expect(main(page).getByLabel('First name', { exact: true })).toHaveValue('col:0')
  await expect(main(page).getByLabel('SMS number', { exact: true })).toHaveValue('col:2')
  const setConstant = async (field: string, pick: { index: number } | { label: string }): Promise<void> => {
    await main(page).getByLabel(field, { exact: true }).selectOption('const')
    await main(page).getByLabel(`${field.replace(/ \(required\)$/, '')}: value for every row`).selectOption(pick)
  }
  await setConstant('Survey (required)', { index: 1 })
  await setConstant('Channel', { label: 'sms' })
  await setConstant('SMS template', { index: 1 })
  await expectNoSeriousA11yViolations(page, 'sends wizard: mapping')
  await shot(page, 'mapping')
  await page.getByRole('button', { name: 'Validate every row' }).click()

  // ---- validation: the short number is invalid, the second Anaïs a duplicate
  await expect(page.getByRole('heading', { name: 'Validation', exact: true })).toBeFocused()
  const counts = page.locator('.send-counts')
  await expect(counts).toContainText('Rows5')
  await expect(counts).toContainText('Valid3')
  await expect(counts).toContainText('Invalid1')
  await expect(counts).toContainText('Duplicates1')
  await main(page).getByLabel('Show only problems').check()
  const grid = page.getByRole('table', { name: /Rows of the file/ })
  await expect(grid.getByRole('row')).toHaveCount(3)
  await expect(grid.getByRole('row', { name: /^5 Duplicate/ })).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'sends wizard: validation with problems')
  await shot(page, 'validation')

  const cell = grid.getByRole('textbox', { name: 'Row 3, GSM' })
  await expect(cell).toHaveAttribute('aria-invalid', 'true')
  await cell.fill('0473 45 67 89')
  await cell.press('Enter')
  await expect(counts).toContainText('Valid4')
  await expect(counts).toContainText('Invalid0')
  await expect(grid.getByRole('row', { name: /^3 Valid Fixed/ })).toBeVisible()
  await shot(page, 'validation-fixed')
  await page.getByRole('button', { name: 'Next: protection' }).click()

  // ---- protection: Émile is on the do-not-contact list
  await expect(page.getByRole('heading', { name: 'Protection', exact: true })).toBeFocused()
  await main(page).getByLabel('Or paste').fill('+32472345678\n')
  await page.getByRole('button', { name: 'Add to the list' }).click()
  await expect(page.getByRole('status').filter({ hasText: /1 added/ })).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'sends wizard: protection')
  await shot(page, 'protection')
  await page.getByRole('button', { name: 'Next: dry run' }).click()

  // ---- dry run: nothing sent yet; the exact request; the SMS as it would read
  await expect(page.getByRole('heading', { name: 'Dry run & send', exact: true })).toBeFocused()
  await expect(page.getByText(/Dry run: nothing has been sent\. 3 of 5 rows would be sent; 2 would be skipped\./)).toBeVisible()
  await expect(page.locator('.send-sms')).toContainText(/\d+ characters · (GSM-7|UCS-2) · \d+ segments?/)
  const verdicts = page.getByRole('table', { name: 'Verdict per row' })
  await expect(verdicts.getByRole('row', { name: /^6 Skip/ })).toContainText('do-not-contact')
  await verdicts.getByRole('row', { name: /^2 Would send/ }).getByText('POST /feedback_requests').click()
  await expect(verdicts.locator('.send-request').first()).toContainText('"number": "+32470123456"')
  // One real call to the user's own phone (this send goes by SMS), before the whole file.
  await main(page).getByLabel('Your own e-mail address or mobile number').fill('0499 00 00 00')
  await page.getByRole('button', { name: 'Send one test' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Sent to 0499 00 00 00/ })).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'sends wizard: dry run')
  await shot(page, 'dry-run')

  // ---- send: the job's bar goes to the end, live; the window is "in the background", so a desktop notification says so
  await page.evaluate(() => {
    const shown: string[] = []
    Object.assign(window, { shownNotifications: shown })
    class RecordingNotification {
      static permission = 'granted'
      static requestPermission = async (): Promise<string> => 'granted'
      constructor(title: string) {
        shown.push(title)
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true })
    Object.defineProperty(document, 'hidden', { get: () => true, configurable: true })
  })
  await page.getByRole('button', { name: 'Send 3 surveys' }).click()
  const bar = page.getByRole('progressbar', { name: 'Progress of gesloten tickets.csv' }).last()
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 })
  await expect(page.getByRole('region', { name: 'gesloten tickets.csv' })).toContainText('Done')
  await expect(bar).toHaveAttribute('aria-valuetext', /3 sent · 0 failed · 1 skipped/)
  await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications)).toEqual(['Send finished: gesloten tickets.csv'])
  const results = page.getByRole('table', { name: 'Results per row' })
  await expect(results.getByRole('row')).toHaveCount(5)
  await expect(results.getByRole('row', { name: /^6 Skipped/ })).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'sends: job done')
  await shot(page, 'job-done')

  // ---- export what was not sent: UTF-8 with a BOM, the formula neutralised, ready to fix and import again
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export failed and skipped rows' }).click()
  const file = await (await download).path()
  const text = readFileSync(file, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const lines = text.slice(1).trim().split('\r\n')
  expect(lines[0]).toBe('Voornaam,Achternaam,GSM,Référence,Survey Desk status,Survey Desk reason')
  // The cells as the user wrote them (ready to fix); the formula, and the reason that starts with '+', neutralised.
  expect(lines[1]).toBe(`Émile,Janssens,0472 34 56 78,"'=HYPERLINK(""x"")",skipped,'+32472345678 is on the do-not-contact list.`)
})

test('dark theme: the jobs, a job and the wizard read well', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openSends(page)
  await page.getByRole('button', { name: 'Open gesloten tickets.csv' }).click()
  await expect(page.getByRole('table', { name: 'Results per row' }).getByRole('row')).toHaveCount(5)
  await expectNoSeriousA11yViolations(page, 'sends: job, dark')
  await shot(page, 'job-dark')

  await page.getByRole('button', { name: 'New send from a CSV file' }).click()
  await main(page).getByLabel('Connection', { exact: true }).selectOption({ label: 'CustomerSure (demo)' })
  await main(page).getByLabel('CSV file').setInputFiles({ name: 'gesloten tickets.csv', mimeType: 'text/csv', buffer: NASTY_CSV })
  await page.getByRole('button', { name: 'Next: mapping' }).click()
  // The mapping chosen last time is offered again for a file with the same headers.
  await expect(page.getByText(/has a mapping saved for files with these headers/)).toBeVisible()
  await page.getByRole('button', { name: 'Validate every row' }).click()
  await expect(page.locator('.send-counts')).toContainText('Invalid1')
  await expectNoSeriousA11yViolations(page, 'sends wizard: validation, dark')
  await shot(page, 'validation-dark')
  await page.getByRole('button', { name: 'Close without sending' }).click()
  await expect(page.getByRole('button', { name: 'New send from a CSV file' })).toBeVisible()
})

import type { LinkKind, LinkSuggestion } from '../../shared/domain/manage'

/** One row on either side of a link, as the suggester sees it. */
export interface LinkCandidate {
  ref: string
  name: string
  code: string | null
  email: string | null
  username: string | null
}

/** Lower case, accents off, punctuation to spaces, spaces squeezed: "Société-Générale, Paris" -> "societe generale paris". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .replace(/(?<!\w)\.|\.(?!\w)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Codes compare without any separators: "HQ-01" = "hq 01" = "hq01". */
const foldCode = (code: string): string => foldText(code).replace(/[\s.]/g, '')

const WEIGHT = { code: 0.6, email: 0.7, name: 0.5 } as const

/**
 * Pairs a left row (CustomerSure) with a right row (FeedbackAPI location / Nicereply user) that share
 * a code (a site code equal to the location's name or a staff code equal to the username), an
 * e-mail, or a name once case, accents and punctuation are set aside. Each right row is offered
 * for its best left match only; the user confirms every link.
 */
export function suggestLinks(kind: LinkKind, left: readonly LinkCandidate[], right: readonly LinkCandidate[]): LinkSuggestion[] {
  const index = (key: (c: LinkCandidate) => Array<string | null>) => {
    const map = new Map<string, LinkCandidate[]>()
    for (const c of left) {
      for (const k of new Set(key(c).filter((v): v is string => v !== null && v !== ''))) map.set(k, [...(map.get(k) ?? []), c])
    }
    return map
  }
  const byName = index((c) => [foldText(c.name)])
  const byCode = index((c) => [c.code ? foldCode(c.code) : null])
  const byEmail = index((c) => [c.email ? c.email.trim().toLowerCase() : null])

  const out: LinkSuggestion[] = []
  for (const r of right) {
    const found = new Map<string, { c: LinkCandidate; reasons: Set<'code' | 'email' | 'name'> }>()
    const add = (list: LinkCandidate[] | undefined, reason: 'code' | 'email' | 'name') => {
      for (const c of list ?? []) {
        const f = found.get(c.ref) ?? { c, reasons: new Set() }
        f.reasons.add(reason)
        found.set(c.ref, f)
      }
    }
    add(byName.get(foldText(r.name)), 'name')
    for (const code of [r.code, r.username, kind === 'site' ? r.name : null]) if (code) add(byCode.get(foldCode(code)), 'code')
    if (r.email) add(byEmail.get(r.email.trim().toLowerCase()), 'email')
    const ranked = [...found.values()]
      .map(({ c, reasons }) => {
        const rs = [...reasons].sort()
        // Independent signals: the chance that all of them are wrong shrinks with each one.
        const score = 1 - rs.reduce((miss, reason) => miss * (1 - WEIGHT[reason]), 1)
        return { c, rs, score: Math.round(score * 100) / 100 }
      })
      .sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name))
    const best = ranked[0]
    if (!best) continue
    out.push({ kind, leftRef: best.c.ref, leftName: best.c.name, rightRef: r.ref, rightName: r.name, reasons: best.rs, score: best.score })
  }
  return out.sort((a, b) => b.score - a.score || a.leftName.localeCompare(b.leftName))
}

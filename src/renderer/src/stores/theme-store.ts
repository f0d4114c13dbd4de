import { create } from 'zustand'

export type ThemeChoice = 'system' | 'light' | 'dark'

const STORAGE_KEY = 'survey-desk.theme'

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return v === 'light' || v === 'dark' ? v : 'system'
  } catch {
    return 'system'
  }
}

const darkQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null
let followSystem: (() => void) | null = null

/**
 * Always sets data-theme to light or dark ('system' resolved from prefers-color-scheme, and followed
 * while chosen), so the stylesheets define each palette once, under :root[data-theme='dark'].
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement
  const resolve = (): void => root.setAttribute('data-theme', choice === 'system' ? (darkQuery?.matches ? 'dark' : 'light') : choice)
  if (followSystem) darkQuery?.removeEventListener('change', followSystem)
  followSystem = choice === 'system' ? resolve : null
  if (followSystem) darkQuery?.addEventListener('change', followSystem)
  resolve()
}

interface ThemeState {
  choice: ThemeChoice
  setChoice(choice: ThemeChoice): void
}

export const useThemeStore = create<ThemeState>()((set) => ({
  choice: readChoice(),
  setChoice(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY)
      else localStorage.setItem(STORAGE_KEY, choice)
    } catch {
      // storage disabled: the choice lasts for this session
    }
    applyTheme(choice)
    set({ choice })
  }
}))

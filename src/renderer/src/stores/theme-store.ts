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

/** 'system' leaves the attribute off so the CSS follows prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement
  if (choice === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', choice)
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

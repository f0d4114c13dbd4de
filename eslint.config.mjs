import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'test-results-*/**', 'dist/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Raw IPC objects only in the thin Electron glue (GitHub Desktop's rule): everything else goes through the contract.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed IPC contract; raw IPC lives only in src/main/ipc/electron-transport.ts and src/preload.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/ipc/electron-transport.ts', 'src/main/index.ts', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    // The package bin is plain CommonJS that loads the built CLI.
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The renderer talks only to the contract: never to node, electron or a provider.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', '**/main/**', 'undici', 'better-sqlite3', 'keytar'], message: 'The renderer reaches main only through the IPC contract.' }] }
      ]
    }
  }
)

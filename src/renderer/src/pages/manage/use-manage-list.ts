import { useEffect, useState } from 'react'
import type { ManageSortField } from '../../../../shared/domain/manage'
import { AppError } from '../../../../shared/errors'
import { api } from '../../api/client'
import { toAppError, useManageStore, type ListChannel, type ListInput, type ListOutput } from '../../stores/manage-store'

export interface ListQuery {
  search: string
  sort: ManageSortField
  dir: 'asc' | 'desc'
  includeInactive: boolean
  /** Rows shown at once; past that the table asks for a narrower search rather than paging. */
  limit: number
}

export const DEFAULT_QUERY: ListQuery = { search: '', sort: 'name', dir: 'asc', includeInactive: false, limit: 100 }

export interface ListResult<C extends ListChannel> {
  data: ListOutput<C> | null
  loading: boolean
  error: AppError | null
}

/**
 * Reads one cached list (never the network) and reads it again when the query changes or when
 * the manage store says rows or the outbox changed. An answer for an older query is dropped.
 */
export function useManageList<C extends ListChannel>(channel: C, input: ListInput<C> | null): ListResult<C> {
  const version = useManageStore((s) => s.version)
  const [state, setState] = useState<ListResult<C>>({ data: null, loading: input !== null, error: null })
  const key = JSON.stringify(input)

  useEffect(() => {
    if (input === null) {
      setState({ data: null, loading: false, error: null })
      return
    }
    let current = true
    setState((s) => ({ ...s, loading: true }))
    api()
      .invoke(channel, input)
      .then(
        (data) => current && setState({ data: data as ListOutput<C>, loading: false, error: null }),
        (err: unknown) => current && setState((s) => ({ ...s, loading: false, error: toAppError(err) }))
      )
    return () => {
      current = false
    }
    // `key` stands for `input` (a new object on every render).
  }, [channel, key, version])

  return state
}

/** Waits for typing to pause before the query follows it. */
export function useDebounced<T>(value: T, ms = 200): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

/** The parts of a list result a DataTable shows. */
export function tableData<R>(list: { data: { rows: R[]; total: number } | null; loading: boolean; error: AppError | null }) {
  return { rows: list.data?.rows ?? [], total: list.data?.total ?? 0, loading: list.loading, error: list.error }
}

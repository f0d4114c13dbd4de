import { createEncoClient } from '../../providers/enco/client'
import { mapSurvey } from '../../providers/enco/mapping'
import type { ProviderStreams } from '../stream-types'
import { fullList } from './common'

/**
 * Enco publishes no list of individual responses (its reports are aggregates per survey), so the
 * only thing to keep locally is the list of surveys: a full refresh, one page.
 */
export const encoStreams: ProviderStreams = {
  provider: 'enco',
  names: ['surveys'],
  create(config) {
    const client = createEncoClient(config)
    const surveys = fullList(
      'surveys',
      'survey',
      async function* (run) {
        run.where = 'the list'
        yield { items: await client.listSurveys({ signal: run.signal }) }
      },
      mapSurvey
    )
    return { streams: [surveys], close: () => client.close() }
  }
}

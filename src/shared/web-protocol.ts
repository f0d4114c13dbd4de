/**
 * The loopback web host's wire protocol, shared by the host (src/main/ipc/web-host) and the
 * renderer's web transport.
 *
 *  - The printed URL is `http://127.0.0.1:<port>/#pair=<code>`; the fragment never reaches a server log.
 *  - POST /api/session with header PAIRING_HEADER: <code>  -> 200 {"token": "..."}; each code works once.
 *  - POST /api/invoke/<channel> with TOKEN_HEADER: <token>, JSON body = input -> 200 Result envelope.
 *  - GET  /api/events with TOKEN_HEADER -> text/event-stream: `event: <name>` / `data: <json>` frames.
 *  - Any request whose Host is not 127.0.0.1/localhost/[::1] at the host's port, whose Origin (when
 *    present) is not the host's own, or an /api request without its header -> 403.
 */
export const TOKEN_HEADER = 'x-survey-desk-token'
export const PAIRING_HEADER = 'x-survey-desk-pairing'
export const PAIR_FRAGMENT_KEY = 'pair'
export const SESSION_STORAGE_KEY = 'survey-desk.web-token'
export const WEB_HOST_URL_FILE = 'web-host.url'

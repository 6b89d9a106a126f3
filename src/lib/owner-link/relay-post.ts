export type RelayPostFailure = 'unreachable' | 'refused';

/**
 * POST a signed JSON request to one of the relay's HTTP endpoints (owner inbox, read receipts)
 * and return its JSON answer; `fail` makes the caller's own error for an unreachable relay or a
 * refusal.
 */
export async function postToRelay(
  relayHttpUrl: string,
  path: string,
  request: unknown,
  fetcher: typeof fetch,
  fail: (reason: RelayPostFailure, status: number, message: string) => Error
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(relayHttpUrl.replace(/\/+$/, '') + path, {
      method: 'POST',
      // text/plain: a "simple" request, no CORS preflight round trip.
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(request),
      credentials: 'omit',
      cache: 'no-store'
    });
  } catch (error) {
    throw fail('unreachable', 0, error instanceof Error ? error.message : String(error));
  }
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const reason = (answer as { reason?: unknown }).reason;
    throw fail('refused', response.status, `${response.status} ${String(reason ?? '')}`.trim());
  }
  return answer;
}

/**
 * What the sync indicator and the devices page show, updated by the running service.
 * `relay`: the relay session's phase ('off' when no office keys or no relay configured).
 */
export type RelayState = 'off' | 'connecting' | 'catching-up' | 'live' | 'refused';

export const syncStatus = $state({
  relay: 'off' as RelayState,
  /** Open device-to-device sessions (WebRTC). */
  direct: 0,
  /** This device's ops that no relay or peer has acknowledged yet. */
  pending: 0,
  /** Catch-up from the relay: ops applied of those missing when it connected. */
  progress: null as { done: number; total: number } | null,
  /** Ops of a newer app version arrived: "请更新应用". */
  newerSchema: false,
  /** The relay refused this device (removed from the office). */
  refusedCode: '' as string
});

import { live } from '$lib/db/live.svelte';
import { defaultCommunityId, getSettings, listCommunities } from '$lib/db/queries/office';
import { zonedMonth } from '$lib/domain/calendar/zoned';

/** The month and community chosen on any visits screen: kept while the desk moves between tabs. */
const chosen = $state({ month: '', communityId: '' });

/**
 * What the next screen opens with: a household (and its appointment) picked on the plan, so
 * "填写记录" or "预约" starts on it. Read once by the form, then cleared.
 */
export const visitIntent = $state({ unitId: '', appointmentId: '' });

export function chooseScope(month: string, communityId: string): void {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) chosen.month = month;
  chosen.communityId = communityId;
}

/** Which community and month a visits screen shows: as chosen, else the first and the office's month. */
export function visitScope() {
  const communities = live(() => listCommunities());
  const settings = live(() => getSettings());
  // The first community with units: a new office's setup community may stay empty.
  const fallback = live(() => defaultCommunityId());
  const communityId = $derived(chosen.communityId || (fallback.current ?? ''));
  const month = $derived(
    chosen.month || (settings.current ? zonedMonth(Date.now(), settings.current.timeZone) : '')
  );
  return {
    get communities() {
      return communities.current ?? [];
    },
    get settings() {
      return settings.current;
    },
    get communityId() {
      return communityId;
    },
    get month() {
      return month;
    },
    get ready() {
      return communityId !== '' && month !== '' && settings.current !== undefined;
    }
  };
}

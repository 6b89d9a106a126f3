/** The synced record tables. Adding one here, in tables.ts and in db/database.ts is all it takes. */
export const tableNames = [
  'office',
  'settings',
  'staff',
  'community',
  'building',
  'unit',
  'person',
  'occupancy',
  'ticket',
  'ticketEvent',
  'ticketCategory',
  'incident',
  'incidentCall',
  'houseHealthEntry',
  'segmentTag',
  'sensitiveReveal',
  'shift',
  'handoverEvent',
  'notice',
  'noticeTold',
  'noticeTemplate',
  'device'
] as const;
export type TableName = (typeof tableNames)[number];

import type { Messages } from '../../types';

// Attachments (photos, signatures, the stamp) on their way from another device.
export default {
  'blobs.fetching': 'Fetching the photo…',
  'blobs.failed': 'The photo could not be fetched for now',
  'blobs.retry': 'Retry'
} satisfies Messages;

import type { Messages } from '../../types';

// Attachments (photos, signatures, the stamp) on their way from another device.
export default {
  'blobs.fetching': 'Fetching the photo…',
  'blobs.failed': 'The photo could not be fetched for now',
  'blobs.retry': 'Retry',
  'blobs.fetchingRecord': 'Fetching the signed record…',
  'blobs.failedRecord': 'The signed record could not be fetched for now',
  'blobs.tooLarge': 'Photo too large (8 MB at most)',
  'blobs.notImage': 'This is not an image: choose a photo'
} satisfies Messages;

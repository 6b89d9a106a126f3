import type { Messages } from '../../types';

// Attachments (photos, signatures, the stamp) on their way from another device.
export default {
  'blobs.fetching': '正在取得照片…',
  'blobs.failed': '照片暫時無法取得',
  'blobs.retry': '重試'
} satisfies Messages;

import type { Messages } from '../../types';

// Attachments (photos, signatures, the stamp) on their way from another device.
export default {
  'blobs.fetching': '正在取得照片…',
  'blobs.failed': '照片暫時無法取得',
  'blobs.retry': '重試',
  'blobs.fetchingRecord': '正在取得簽字記錄…',
  'blobs.failedRecord': '簽字記錄暫時無法取得',
  'blobs.tooLarge': '照片太大（最大 8 MB）',
  'blobs.notImage': '這不是圖片，請選擇照片'
} satisfies Messages;

import type { Messages } from '../../types';

// Attachments (photos, signatures, the stamp) on their way from another device.
export default {
  'blobs.fetching': '正在获取照片…',
  'blobs.failed': '照片暂时无法获取',
  'blobs.retry': '重试',
  'blobs.fetchingRecord': '正在获取签字记录…',
  'blobs.failedRecord': '签字记录暂时无法获取',
  'blobs.tooLarge': '照片太大（最大 8 MB）',
  'blobs.notImage': '这不是图片，请选择照片'
} satisfies Messages;

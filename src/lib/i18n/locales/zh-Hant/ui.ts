import type { Messages } from '../../types';

export default {
  'ui.pinPad.label': '請輸入 PIN 碼',
  'ui.pinPad.entered': '已輸入 {count} 位，共 {length} 位',
  'ui.pinPad.enteredOpen': '已輸入 {count} 位',
  'ui.pinPad.backspace': '刪除一位',
  'ui.pinPad.clear': '清空',
  'ui.toast.region': '提示訊息',
  'ui.toast.dismiss': '關閉提示'
} satisfies Messages;

import type { Messages } from '../../types';

// Words inside the shared components of src/lib/ui.
export default {
  'ui.pinPad.label': '请输入 PIN 码',
  'ui.pinPad.entered': '已输入 {count} 位，共 {length} 位',
  'ui.pinPad.enteredOpen': '已输入 {count} 位',
  'ui.pinPad.backspace': '删除一位',
  'ui.pinPad.clear': '清空',
  'ui.toast.region': '提示消息',
  'ui.toast.dismiss': '关闭提示'
} satisfies Messages;

import type { Messages } from '../../types';

// Issue 12: the data core's notices (merge conflicts, device clocks, refused changes).
export default {
  'core.conflict.title': '两台设备的修改冲突',
  'core.conflict.hint':
    '两台设备分别改了这条记录，合并后不再符合规则（{rule}）。两项的值如下，改正其中一项即可；其他修改照常保存。',
  'core.conflict.yes': '是',
  'core.conflict.no': '否',
  'core.conflict.filled': '已填写',
  'core.devices.title': '设备时钟与未采用的修改',
  'core.devices.clockAhead': '设备 {device} 的时钟比本机快约 {minutes} 分钟',
  'core.devices.ownBehind': '本机的时钟似乎比办公室的其他设备慢，请检查本机的日期和时间。',
  'core.devices.refused': '{actor} 在设备 {device} 上对“{table}”的修改未被采用：其角色无权这样修改',
  'core.devices.allFine': '各设备的时钟正常，没有未采用的修改。',
  'core.devices.snapshotPublished':
    '本机上次发布快照：{time}，{rows} 条记录（新设备由快照加入，只需补取之后的修改）。',
  'core.devices.snapshotJoined': '本机由快照加入：{time}，{rows} 条记录。'
} satisfies Messages;

import type { Messages } from '../../types';

// Issue 12: the data core's notices (merge conflicts, device clocks, refused changes).
export default {
  'core.conflict.title': '兩台裝置的修改衝突',
  'core.conflict.hint':
    '兩台裝置分別改了這筆記錄，合併後不再符合規則（{rule}）。兩項的值如下，改正其中一項即可；其他修改照常儲存。',
  'core.conflict.yes': '是',
  'core.conflict.no': '否',
  'core.conflict.filled': '已填寫',
  'core.devices.title': '裝置時鐘與未採用的修改',
  'core.devices.clockAhead': '裝置 {device} 的時鐘比本機快約 {minutes} 分鐘',
  'core.devices.ownBehind': '本機的時鐘似乎比辦公室的其他裝置慢，請檢查本機的日期和時間。',
  'core.devices.refused':
    '{actor} 在裝置 {device} 上對「{table}」的修改未被採用：其角色無權這樣修改',
  'core.devices.allFine': '各裝置的時鐘正常，沒有未採用的修改。',
  'core.devices.snapshotPublished':
    '本機上次發佈快照：{time}，{rows} 筆記錄（新裝置由快照加入，只需補取之後的修改）。',
  'core.devices.snapshotJoined': '本機由快照加入：{time}，{rows} 筆記錄。'
} satisfies Messages;

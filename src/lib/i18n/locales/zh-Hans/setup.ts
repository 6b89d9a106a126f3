import type { Messages } from '../../types';

export default {
  'setup.title': '欢迎使用管家',
  'setup.intro': '首次使用：请填写物业服务中心的信息，并创建第一位经理的账号。',
  'setup.officeName': '物业服务中心名称',
  'setup.officeNameHint': '例如：锦绣花园物业服务中心',
  'setup.officePhone': '服务中心电话',
  'setup.officePhoneHint':
    '印在通知上的联系电话，例如 0755-12345678；也可以以后在“通知 → 模板与印章”中填写',
  'setup.communityName': '小区名称',
  'setup.managerName': '经理姓名',
  'setup.pin': 'PIN 码',
  'setup.pinHint': '4–8 位数字，用于在平板上登录',
  'setup.pinConfirm': '再次输入 PIN 码',
  'setup.submit': '创建',
  'setup.alreadyDone': '本设备已设置过物业服务中心',
  'setup.restore.open': '从备份恢复',
  'setup.company': '公司设备（只读，多个物业服务中心）',
  'setup.restore.title': '从备份恢复',
  'setup.restore.explain':
    '选择本中心在"设置 → 备份"下载的备份文件（.zip）。全部记录、交接班记录和照片会恢复到这台设备上。',
  'setup.restore.choose': '备份文件',
  'setup.restore.progress': '正在恢复…（{done}/{total}）',
  'setup.restore.cancel': '返回',
  'setup.restore.notBackup': '这不是管家的备份文件。',
  'setup.restore.newerVersion': '这个备份来自更新版本的应用，请先更新应用。',
  'setup.restore.notEmpty': '这台设备上已有数据，只能恢复到空设备。'
} satisfies Messages;

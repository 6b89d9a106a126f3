import type { Messages } from '../../types';

export default {
  'setup.title': '欢迎使用管家',
  'setup.intro': '首次使用：请填写物业服务中心的信息，并创建第一位经理的账号。',
  'setup.officeName': '物业服务中心名称',
  'setup.officeNameHint': '例如：锦绣花园物业服务中心',
  'setup.communityName': '小区名称',
  'setup.managerName': '经理姓名',
  'setup.pin': 'PIN 码',
  'setup.pinHint': '4–8 位数字，用于在平板上登录',
  'setup.pinConfirm': '再次输入 PIN 码',
  'setup.submit': '创建',
  'setup.alreadyDone': '本设备已设置过物业服务中心'
} satisfies Messages;

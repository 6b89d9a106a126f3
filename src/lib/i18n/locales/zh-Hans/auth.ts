import type { Messages } from '../../types';

export default {
  'auth.title': '请选择您的名字',
  'auth.enterPin': '请输入 {name} 的 PIN 码',
  'auth.pin': 'PIN 码',
  'auth.signIn': '登录',
  'auth.wrongPin': 'PIN 码错误，还可以再试 {left} 次',
  'auth.locked': '错误次数过多，已锁定，请于 {time} 后再试',
  'auth.unknown': '该账号已停用',
  'auth.lockedAs': '已锁屏 · {name}',
  'auth.unlock': '解锁',
  'auth.otherUser': '换一个人登录',
  'auth.noStaff': '还没有员工账号'
} satisfies Messages;

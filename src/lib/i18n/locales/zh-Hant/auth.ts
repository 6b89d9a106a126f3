import type { Messages } from '../../types';

export default {
  'auth.title': '請選擇您的名字',
  'auth.enterPin': '請輸入 {name} 的 PIN 碼',
  'auth.pin': 'PIN 碼',
  'auth.signIn': '登入',
  'auth.wrongPin': 'PIN 碼錯誤，還可以再試 {left} 次',
  'auth.locked': '錯誤次數過多，已鎖定，請於 {time} 後再試',
  'auth.unknown': '該帳號已停用',
  'auth.lockedAs': '已鎖定 · {name}',
  'auth.unlock': '解鎖',
  'auth.otherUser': '換一個人登入',
  'auth.noStaff': '還沒有員工帳號'
} satisfies Messages;

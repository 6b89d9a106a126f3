import type { Messages } from '../../types';

export default {
  'validation.required': '此欄位為必填',
  'validation.tooShort': '至少 {min} 個字',
  'validation.tooLong': '最多 {max} 個字',
  'validation.exactLength': '長度須為 {length} 個字元',
  'validation.tooSmall': '不能小於 {min}',
  'validation.greaterThan': '必須大於 {min}',
  'validation.tooBig': '不能大於 {max}',
  'validation.lessThan': '必須小於 {max}',
  'validation.tooFew': '至少選擇 {min} 項',
  'validation.tooMany': '最多選擇 {max} 項',
  'validation.tooEarly': '日期太早',
  'validation.tooLate': '日期太晚',
  'validation.number': '請輸入數字',
  'validation.integer': '請輸入整數',
  'validation.date': '請輸入有效日期',
  'validation.email': '請輸入有效的電子郵件地址',
  'validation.url': '請輸入有效的網址',
  'validation.phone': '請輸入有效的電話號碼',
  'validation.format': '格式不正確',
  'validation.choose': '請從選項中選擇',
  'validation.multipleOf': '必須是 {divisor} 的倍數',
  'validation.invalid': '輸入無效'
} satisfies Messages;

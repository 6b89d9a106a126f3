import type { Messages } from '../../types';

// Messages for bad input, shown at the field (DESIGN.md "Conventions"); form-errors.ts maps zod issues here.
export default {
  'validation.required': '此项必填',
  'validation.tooShort': '至少 {min} 个字',
  'validation.tooLong': '最多 {max} 个字',
  'validation.exactLength': '长度须为 {length} 个字符',
  'validation.tooSmall': '不能小于 {min}',
  'validation.greaterThan': '必须大于 {min}',
  'validation.tooBig': '不能大于 {max}',
  'validation.lessThan': '必须小于 {max}',
  'validation.tooFew': '至少选择 {min} 项',
  'validation.tooMany': '最多选择 {max} 项',
  'validation.tooEarly': '日期太早',
  'validation.tooLate': '日期太晚',
  'validation.number': '请输入数字',
  'validation.integer': '请输入整数',
  'validation.date': '请输入有效日期',
  'validation.email': '请输入有效的电子邮箱',
  'validation.url': '请输入有效的网址',
  'validation.phone': '请输入有效的电话号码',
  'validation.format': '格式不正确',
  'validation.choose': '请从选项中选择',
  'validation.multipleOf': '必须是 {divisor} 的倍数',
  'validation.invalid': '输入无效'
} satisfies Messages;

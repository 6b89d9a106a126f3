import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { i18n, setLocale } from '$lib/i18n';
import { parseForm } from '$lib/db/form-error';
import { formErrors, formErrorKey } from './form-errors';

afterEach(() => i18n.reset());

const household = z.object({
  name: z.string().min(1),
  phone: z.string().regex(/^1\d{10}$/, 'validation.phone'),
  pin: z.string().length(6),
  note: z.string().max(5),
  memo: z.string().min(3, 'validation.tooShort'),
  area: z.number().positive(),
  floors: z.number().int().min(1).max(99),
  kind: z.enum(['residential', 'shop']),
  email: z.email(),
  tags: z.array(z.string()).min(2),
  custom: z.string().refine((v) => v !== 'x', '门牌号已存在'),
  contacts: z.array(z.object({ phone: z.string() }))
});

function errorsOf(input: unknown) {
  const result = household.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return formErrors(result.error);
}

const bad = {
  name: '',
  phone: '123',
  pin: '12',
  note: '太长太长太长',
  memo: 'a',
  area: 0,
  floors: 1.5,
  kind: 'castle',
  email: 'nope',
  tags: [],
  custom: 'x',
  contacts: [{}]
};

describe('formErrors', () => {
  it('gives one translated message per field path', () => {
    expect(errorsOf(bad)).toEqual({
      name: '此项必填',
      phone: '请输入有效的电话号码',
      pin: '长度须为 6 个字符',
      note: '最多 5 个字',
      memo: '至少 3 个字',
      area: '必须大于 0',
      floors: '请输入整数',
      kind: '请从选项中选择',
      email: '请输入有效的电子邮箱',
      tags: '至少选择 2 项',
      custom: '门牌号已存在',
      'contacts.0.phone': '此项必填'
    });
  });

  it('follows the current language', async () => {
    await setLocale('en');
    const errors = errorsOf(bad);
    expect(errors.name).toBe('This field is required');
    expect(errors.memo).toBe('Enter at least 3 characters');
    expect(errors.custom).toBe('门牌号已存在');
  });

  it('maps a missing number to required and a range to its bounds', () => {
    expect(errorsOf({ ...bad, area: undefined, floors: 120 })).toMatchObject({
      area: '此项必填',
      floors: '不能大于 99'
    });
  });

  it('puts whole-form issues under the form key and keeps the first issue per field', () => {
    const schema = z
      .object({ from: z.string().min(1).min(3), to: z.string() })
      .refine((v) => v.from !== v.to, 'validation.invalid');
    const result = schema.safeParse({ from: 'ab', to: 'ab' });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(formErrors(result.error)).toEqual({ from: '至少 3 个字', [formErrorKey]: '输入无效' });
    }
  });

  it('reads the db layer’s WriteError issues too', () => {
    expect(
      formErrors({
        issues: [
          {
            path: ['name'],
            message: 'Invalid input: expected string, received undefined',
            code: 'invalid_type'
          }
        ]
      })
    ).toEqual({ name: '此项必填' });
  });

  it('says the bound of a refusal that went through the write path (not "{min}")', () => {
    const floors = z.object({
      floors: z.number().int().min(1, 'validation.tooSmall').max(200, 'validation.tooBig')
    });
    for (const [input, text] of [
      [0, '不能小于 1'],
      [201, '不能大于 200']
    ] as const) {
      const refused = (() => {
        try {
          parseForm(floors, { floors: input });
        } catch (e) {
          return e as { issues: [] };
        }
        throw new Error('expected a refusal');
      })();
      expect(formErrors(refused)).toEqual({ floors: text });
    }
  });
});

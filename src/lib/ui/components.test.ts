// Server-rendered markup of the kit's components: the wiring a screen reader and a
// tester rely on (labels, aria links, current page), checked without a browser.
import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedPathname } from '$app/types';
import { i18n, setLocale } from '$lib/i18n';
import AppShell from './app-shell.svelte';
import AreaShell from './area-shell.svelte';
import Button from './button.svelte';
import CheckboxField from './checkbox-field.svelte';
import FormError from './form-error.svelte';
import LanguageSwitch from './language-switch.svelte';
import { deskAreas, type NavItem } from './nav-items';
import PinPad from './pin-pad.svelte';
import SelectField from './select-field.svelte';
import TextField from './text-field.svelte';
import TextareaField from './textarea-field.svelte';

afterEach(() => i18n.reset());

const text = (content: string) =>
  createRawSnippet(() => ({ render: () => `<span>${content}</span>` }));

function attribute(html: string, tag: string, name: string): string | undefined {
  const element = html.match(new RegExp(`<${tag}\\b[^>]*>`))?.[0] ?? '';
  return element.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
}

describe('TextField', () => {
  it('ties the label, hint and error to the input', () => {
    const { body } = render(TextField, {
      props: {
        label: '联系电话',
        hint: '手机或座机',
        error: '请输入有效的电话号码',
        required: true,
        value: '123'
      }
    });
    const id = attribute(body, 'input', 'id');
    expect(attribute(body, 'label', 'for')).toBe(id);
    expect(attribute(body, 'input', 'aria-invalid')).toBe('true');
    expect(attribute(body, 'input', 'aria-required')).toBe('true');
    expect(attribute(body, 'input', 'aria-describedby')).toBe(`${id}-hint ${id}-error`);
    expect(body).toContain(`id="${id}-error"`);
    expect(body).toContain('请输入有效的电话号码');
    expect(attribute(body, 'input', 'value')).toBe('123');
  });

  it('says nothing about errors when there is none', () => {
    const { body } = render(TextField, { props: { label: '姓名' } });
    expect(attribute(body, 'input', 'aria-invalid')).toBeUndefined();
    expect(attribute(body, 'input', 'aria-describedby')).toBeUndefined();
  });
});

it('TextareaField marks itself required and ties its error to the text area', () => {
  const { body } = render(TextareaField, {
    props: { label: '处理记录', error: '此项必填', required: true, id: 'record' }
  });
  expect(attribute(body, 'label', 'for')).toBe('record');
  expect(body).toContain('class="gj-field-required"');
  expect(attribute(body, 'textarea', 'class')).toBe('gj-control');
  expect(attribute(body, 'textarea', 'rows')).toBe('4');
  expect(attribute(body, 'textarea', 'aria-required')).toBe('true');
  expect(attribute(body, 'textarea', 'aria-describedby')).toBe('record-error');
  expect(body).toContain('id="record-error"');
});

describe('FormError', () => {
  it('announces what was refused about the whole form', () => {
    const { body } = render(FormError, {
      props: { errors: { _form: '该房号已存在', room: '请填写房号' } }
    });
    expect(attribute(body, 'p', 'role')).toBe('alert');
    expect(body).toContain('该房号已存在');
    expect(body).not.toContain('请填写房号');
  });

  it('shows nothing while only fields are refused', () => {
    const { body } = render(FormError, { props: { errors: { room: '请填写房号' } } });
    expect(body).not.toContain('<p');
  });
});

it('SelectField offers a placeholder and the options', () => {
  const { body } = render(SelectField, {
    props: {
      label: '房屋类型',
      placeholder: '请选择',
      value: 'shop',
      options: [
        { value: 'residential', label: '住宅' },
        { value: 'shop', label: '商铺' }
      ]
    }
  });
  expect(body).toMatch(/<option value=""[^>]*>请选择<\/option>/);
  expect(body).toMatch(/<option value="shop"[^>]*selected[^>]*>商铺<\/option>/);
});

it('CheckboxField puts the box inside its label', () => {
  const { body } = render(CheckboxField, { props: { label: '特殊关怀住户', checked: true } });
  expect(body).toMatch(/<label[^>]*>\s*<input[^>]*type="checkbox"[^>]*checked/);
});

it('Button announces that it is busy', () => {
  const { body } = render(Button, {
    props: { variant: 'primary', busy: true, children: text('保存') }
  });
  expect(attribute(body, 'button', 'aria-busy')).toBe('true');
  expect(body).toContain('处理中…');
});

describe('PinPad', () => {
  it('shows one dot per digit of a fixed-length PIN and no OK key', () => {
    const { body } = render(PinPad, { props: { length: 6, onsubmit: () => {} } });
    expect(body.match(/class="dot(?!s)/g)).toHaveLength(6);
    expect(body).toContain('已输入 0 位，共 6 位');
    expect(body).not.toContain('确定');
  });

  it('has all ten digits, and an OK key for a PIN of open length', () => {
    const { body } = render(PinPad, { props: { onsubmit: () => {}, error: 'PIN 不正确' } });
    for (let d = 0; d <= 9; d++) expect(body).toMatch(new RegExp(`>${d}</button>`));
    expect(body).toContain('确定');
    expect(body).toMatch(/role="alert"[^>]*>PIN 不正确/);
  });
});

it('LanguageSwitch names each language in itself', () => {
  const { body } = render(LanguageSwitch, { props: { variant: 'buttons' } });
  expect(body).toMatch(/lang="zh-Hans"[^>]*aria-pressed="true"[^>]*>\s*简体中文/);
  expect(body).toMatch(/lang="zh-Hant"[^>]*aria-pressed="false"[^>]*>\s*繁體中文/);
  expect(body).toMatch(/lang="en"[^>]*>\s*English/);
});

describe('AppShell', () => {
  const navItems: NavItem[] = (['home', 'tickets', 'settings'] as const).map((area) => ({
    href: (area === 'home' ? '/' : `/${area}`) as ResolvedPathname,
    ...deskAreas[area]
  }));
  const props = {
    officeName: '翠湖苑物业服务中心',
    user: { name: '王芳', roleLabel: '客服主管' },
    navItems,
    currentPath: '/tickets/0193',
    onlock: () => {},
    onswitchuser: () => {},
    children: text('内容')
  };

  it('shows the office, the user and the menu, marking the current area', () => {
    const { body } = render(AppShell, { props });
    expect(body).toContain('翠湖苑物业服务中心');
    expect(body).toContain('王芳');
    expect(body).toContain('客服主管');
    expect(body).toMatch(/<a href="\/tickets" aria-current="page"/);
    expect(body).not.toMatch(/<a href="\/" aria-current/);
    expect(body).toContain('<span>内容</span>');
  });

  it('follows the language', async () => {
    await setLocale('zh-Hant');
    const { body } = render(AppShell, { props });
    expect(body).toContain('設定');
    expect(body).toContain('切換使用者');
  });

  it('offers no lock or switch user when nobody is signed in', () => {
    const { body } = render(AppShell, { props: { ...props, user: null } });
    expect(body).toContain('未登录');
    expect(body).not.toContain('锁屏');
  });
});

it('AreaShell names its tabs, marks the page shown and offers the new link', () => {
  const tab = (href: string, label: string) => ({ href: href as ResolvedPathname, label });
  const { body } = render(AreaShell, {
    props: {
      label: '业户访问页面',
      tabs: [tab('/visits', '计划'), tab('/visits/records', '记录')],
      newLink: tab('/visits/records/new', '新建记录'),
      currentPath: '/visits/records',
      children: text('内容')
    }
  });
  expect(attribute(body, 'nav', 'aria-label')).toBe('业户访问页面');
  expect(body).toMatch(/<a href="\/visits\/records" aria-current="page"[^>]*>记录<\/a>/);
  expect(body).not.toMatch(/<a href="\/visits" aria-current/);
  expect(body).toMatch(/<a class="new[^"]*" href="\/visits\/records\/new">＋ 新建记录<\/a>/);
  expect(body).toContain('<span>内容</span>');
});

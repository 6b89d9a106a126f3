/**
 * A few lines of DOM building for the owner page scripts (no framework there, see
 * owner-script.server.ts). Text always goes in as text nodes: a notice's words never become
 * markup, whatever they contain.
 */
export type Child = Node | string | false | null | undefined;

type Attributes = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((child): child is Node | string => !!child));
  return element;
}

/** The same, with a click handler. */
export function button(
  attributes: Attributes,
  label: string,
  onclick: (event: MouseEvent) => void
): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', onclick);
  return element;
}

/** A minimal element builder, so views read as the markup they make. */

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** data-testid, the stable hook for the browser tests. */
  testid?: string;
  text?: string;
  attrs?: Record<string, string>;
  on?: { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.testid) element.dataset.testid = props.testid;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Sets text only when it changed, so screen readers and selection are not disturbed. */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets an input's value unless the person is typing in it: never move their caret. */
export function setValue(input: HTMLInputElement, value: string): void {
  if (input.value !== value && document.activeElement !== input) input.value = value;
}

export function show(element: HTMLElement, visible: boolean): void {
  if (element.hidden === visible) element.hidden = !visible;
}

/** Order numbers and IDs: R-000006, TS-000001. */
const ID = /\b([A-Z]{1,4}-\d+)\b/;

/**
 * Text for h(): each order number or ID in it in a nowrap span, so a narrow sidebar never
 * breaks "R-000006" at its hyphen. The text itself (textContent) is unchanged.
 */
export function keepIdsWhole(text: string): (string | HTMLElement)[] {
  return text
    .split(ID)
    .map((part, i) => (i % 2 === 1 ? h('span', { class: 'nowrap', text: part }) : part))
    .filter((part) => part !== '');
}

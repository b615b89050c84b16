// Building the page's elements. Text always goes in through textContent: nothing a user or the server
// sends is ever parsed as HTML (no script of the client sets markup; BrowserClientFilesTest checks).

/**
 * A new element: el('li', {class: 'msg', text: 'hello', title: '…', data: {id: 4}}, child, …).
 * Children are elements or strings (strings become text nodes).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (/html/i.test(key)) throw new Error(`el() sets text, never markup: ${key}`);
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'data') for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key in node && typeof node[key] !== 'function') node[key] = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** The element with this id; fails loudly when the page lacks it. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}

/** Removes every child. */
export function clear(node) {
  node.replaceChildren();
}

/** A size in human units: 16 B, 1.5 KiB, 2.0 MiB. */
export function humanSize(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The local time of an ISO 8601 instant, as hours and minutes; '' when there is none. */
export function localTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
}

// Errors and notices at the top of the page: what went wrong, in the server's own words, until the
// user closes them. Text only (textContent).

import {el, byId} from './dom.js';

const MAX_SHOWN = 5;

/** Shows a notice; kind is 'error' (KO, ERROR, a failure) or 'info'. Returns its element. */
export function notify(text, kind = 'error') {
  const list = byId('notices');
  const close = el('button', {type: 'button', class: 'close', text: '×', title: 'dismiss', 'aria-label': 'dismiss'});
  const item = el('li', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status'},
    el('span', {class: 'text', text}), close);
  close.addEventListener('click', () => item.remove());
  list.append(item);
  while (list.children.length > MAX_SHOWN) list.firstElementChild.remove();
  return item;
}

/** The reason of a KO or ERROR answer, or of a failure. */
export function reasonOf(answerOrError) {
  if (answerOrError instanceof Error) return answerOrError.message;
  return answerOrError?.reason ?? `unexpected answer ${answerOrError?.type}`;
}

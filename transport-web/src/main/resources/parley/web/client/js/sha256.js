// SHA-256 in the browser, with the Web Crypto API (SubtleCrypto). Browsers offer it only on secure
// pages: https://, or http://localhost. Over plain http from another machine there is none, and the
// client says so instead of sending or saving a file it cannot check.

/** True when this page may hash (a secure context with SubtleCrypto). */
export function canHash() {
  return Boolean(globalThis.isSecureContext && globalThis.crypto && crypto.subtle);
}

/** Why files are off on this page, or null when they work. */
export function whyNoHash() {
  return canHash() ? null
    : 'files need a secure page to check their SHA-256: open this chat over https:// (the server\'s TLS, same port) or on localhost';
}

/** The SHA-256 of a Blob (a File) or of bytes, as 64 lowercase hex digits. */
export async function sha256Hex(data) {
  if (!canHash()) throw new Error(whyNoHash());
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

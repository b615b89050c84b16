// The framed protocol's binary frames, as WebSocket binary messages carry them (no 4-byte length):
// [0x00][uint8 tag length][tag: 1-64 printable ASCII bytes][data]. See docs/PROTOCOL.md, section 2.

const encoder = new TextEncoder();
const decoder = new TextDecoder('ascii');

/** The header that goes before a chunk's data for this tag. */
export function frameHeader(tag) {
  const bytes = encoder.encode(tag);
  if (bytes.length < 1 || bytes.length > 64) throw new Error(`a binary frame's tag is 1 to 64 bytes, not ${bytes.length}`);
  const header = new Uint8Array(2 + bytes.length);
  header[0] = 0;
  header[1] = bytes.length;
  header.set(bytes, 2);
  return header;
}

/** {tag, data} of a binary message, or null when it is not a well-formed binary frame. */
export function parseFrame(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 2 || bytes[0] !== 0) return null;
  const length = bytes[1];
  if (length < 1 || bytes.length < 2 + length) return null;
  return {tag: decoder.decode(bytes.subarray(2, 2 + length)), data: bytes.subarray(2 + length)};
}

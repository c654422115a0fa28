// Draws the Poolshare icons (16, 32, 80 px PNG for the ribbon; 64 px for HighResolutionIconUrl): a pie split 60:40, as a pooled budget is.
// Run: node assets/make-icons.js   (no dependencies: a minimal PNG encoder over zlib)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
const DARK = [0x1f, 0x4e, 0x79];
const TEAL = [0x2a, 0xa1, 0x98];
function sample(u, v) {
  // u, v in [0,1); pie of radius 0.46 centred, the 60% slice dark, the 40% slice teal.
  const dx = u - 0.5, dy = v - 0.5, r = Math.hypot(dx, dy);
  if (r > 0.46) return null;
  const gap = 0.035; // a white gap between the slices
  const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI); // 0 at 12 o'clock, clockwise
  const split = 0.6 * 2 * Math.PI;
  const dist = Math.min(Math.abs(angle - split), angle, 2 * Math.PI - angle) * r;
  if (dist < gap / 2) return [255, 255, 255];
  return angle < split ? DARK : TEAL;
}
function draw(size) {
  const ss = 4;
  return png(size, (x, y) => {
    let r = 0, g = 0, b = 0, n = 0;
    for (let i = 0; i < ss; i++) for (let j = 0; j < ss; j++) {
      const c = sample((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size);
      if (c) { r += c[0]; g += c[1]; b += c[2]; n++; }
    }
    if (!n) return [0, 0, 0, 0];
    return [Math.round(r / n), Math.round(g / n), Math.round(b / n), Math.round((255 * n) / (ss * ss))];
  });
}
for (const size of [16, 32, 64, 80]) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), draw(size));
}

// Deterministic event ids: UUIDs in the version 4 layout, drawn from their own seeded stream, so the same seed gives
// the same ids in the same order (and adding a random choice elsewhere never shifts them).
import { SeededRandom } from './seeded-random';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return HEX[value >>> 24] + HEX[(value >>> 16) & 0xff] + HEX[(value >>> 8) & 0xff] + HEX[value & 0xff];
}

export class EventIds {
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed, 'event-ids');
  }

  next(): string {
    const a = this.random.nextUint32();
    const b = ((this.random.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const c = ((this.random.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
    const d = this.random.nextUint32();
    const bHex = hex32(b);
    const cHex = hex32(c);
    return `${hex32(a)}-${bHex.slice(0, 4)}-${bHex.slice(4)}-${cHex.slice(0, 4)}-${cHex.slice(4)}${hex32(d)}`;
  }
}

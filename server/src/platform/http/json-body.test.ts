import { describe, expect, it } from "vitest";
import { invalidUtf8Ranges } from "./json-body.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("invalidUtf8Ranges", () => {
  it("finds nothing in UTF-8, Chinese and emoji included", () => {
    expect(invalidUtf8Ranges(Buffer.from('{"name":"考评 ✓ 😀"}'))).toEqual([]);
  });

  it("names each bad run as a decoder would replace it with one “�”", () => {
    // A stray continuation byte, a lead byte with nothing after it, then a good "a".
    expect(invalidUtf8Ranges(bytes(0x80, 0xe4, 0x61))).toEqual([
      [0, 1],
      [1, 2],
    ]);
    // A three-byte sequence cut after two bytes.
    expect(invalidUtf8Ranges(bytes(0x61, 0xe4, 0xb8))).toEqual([[1, 3]]);
  });

  it("refuses what RFC 3629 forbids: overlong forms, encoded surrogates, beyond U+10FFFF, 0xFE/0xFF", () => {
    expect(invalidUtf8Ranges(bytes(0xc0, 0xaf))).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(invalidUtf8Ranges(bytes(0xed, 0xa0, 0x80))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(invalidUtf8Ranges(bytes(0xf4, 0x90, 0x80, 0x80)).length).toBeGreaterThan(0);
    expect(invalidUtf8Ranges(bytes(0xff, 0xfe))).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

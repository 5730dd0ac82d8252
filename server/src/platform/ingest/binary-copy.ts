/**
 * Rows as PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * “Binary Format”): each value in the column type's own send format, so the server reads an
 * instant as eight bytes instead of parsing its text. For the typed rows of the bulk writes this
 * cost a third of the text COPY's server time into a table without indexes (docs/performance.md,
 * bench:cases ninth round). Only the types the bulk-written tables use are encoded; a table with
 * another type is written as CSV (`binaryEncoders` answers null).
 *
 * Hand-written rather than pg-copy-streams-binary: that package has no uuid, numeric or date, and
 * builds an object per field; this writes straight into the chunk.
 */

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;
const CHUNK_BYTES = 256 * 1024;

/** Writes one non-null value at `at`; answers the bytes written. */
type Encode = (buffer: Buffer, at: number, value: unknown) => number;
/**
 * A column's encoder: a value of at most `bytes` bytes written by `encode`, or (`text`) a value sent
 * as UTF-8 text after an optional version byte (jsonb), its text made once.
 */
type Sized = { bytes: (value: unknown) => number; encode: Encode };
type Textual = { text: (value: unknown) => string; prefix: number | null };
type Encoder = Sized | Textual;

const fixed = (bytes: number, encode: Encode): Encoder => ({ bytes: () => bytes, encode });

const utf8: Encoder = { text: String, prefix: null };
const jsonText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
const json = (prefix: number | null): Encoder => ({ text: jsonText, prefix });

/** Hex digit values by character code (-1: not a hex digit). */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = HEX["0123456789ABCDEF".charCodeAt(i)] = i;
const hexAt = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  return code < 128 ? HEX[code]! : -1;
};

/** A uuid's 16 bytes, read by hand: Buffer#write(…, "hex") and a regular expression cost more than the rest of a row. */
const uuid = fixed(16, (buffer, at, value) => {
  const text = String(value);
  let n = 0;
  for (let i = 0; i < text.length && n <= 16; i++) {
    if (text.charCodeAt(i) === 45 && (i === 8 || i === 13 || i === 18 || i === 23)) continue; // "-"
    const high = hexAt(text, i++);
    const low = i < text.length ? hexAt(text, i) : -1;
    if (high < 0 || low < 0 || n === 16) throw new TypeError(`binary COPY: not a uuid: ${text}`);
    buffer[at + n++] = (high << 4) | low;
  }
  if (n !== 16) throw new TypeError(`binary COPY: not a uuid: ${text}`);
  return 16;
});

const int4 = fixed(4, (buffer, at, value) => buffer.writeInt32BE(Number(value), at) - at);
const bool = fixed(1, (buffer, at, value) => buffer.writeUInt8(value === true || value === "t" || value === "true" ? 1 : 0, at) - at);

/** Microseconds since PostgreSQL's epoch as a signed 64-bit integer, written as two 32-bit halves (exact below 2^53). */
const timestamptz = fixed(8, (buffer, at, value) => {
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (!Number.isFinite(ms)) throw new TypeError(`binary COPY: not an instant: ${String(value)}`);
  const micros = (ms - PG_EPOCH_MS) * 1000;
  const high = Math.floor(micros / TWO_32);
  buffer.writeInt32BE(high, at);
  buffer.writeUInt32BE(micros - high * TWO_32, at + 4);
  return 8;
});

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * numeric's send format: the digits in base 10 000 around the decimal point, the weight of the
 * first group, the sign and the display scale (the server rounds to the column's scale as for text).
 */
const numeric: Encoder = {
  bytes: (value) => 8 + 2 * (String(value).length + 8),
  encode(buffer, at, value) {
    const text = typeof value === "number" ? decimalText(value) : String(value).trim();
    const match = DECIMAL.exec(text);
    if (!match || (!match[2] && !match[3])) throw new TypeError(`binary COPY: not a decimal: ${text}`);
    const [, sign, whole = "", fraction = ""] = match;
    const integer = whole.replace(/^0+/, "");
    // Groups of four digits aligned on the decimal point.
    const left = integer.padStart(Math.ceil(integer.length / 4) * 4, "0");
    const right = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, "0");
    const groups: number[] = [];
    for (let i = 0; i < left.length; i += 4) groups.push(Number(left.slice(i, i + 4)));
    for (let i = 0; i < right.length; i += 4) groups.push(Number(right.slice(i, i + 4)));
    let weight = left.length / 4 - 1;
    let first = 0;
    while (first < groups.length && groups[first] === 0) {
      first++;
      weight--;
    }
    let last = groups.length;
    while (last > first && groups[last - 1] === 0) last--;
    const digits = groups.slice(first, last);
    let n = at;
    n = buffer.writeInt16BE(digits.length, n);
    n = buffer.writeInt16BE(digits.length ? weight : 0, n);
    n = buffer.writeUInt16BE(sign === "-" && digits.length ? 0x4000 : 0, n);
    n = buffer.writeInt16BE(fraction.length, n);
    for (const digit of digits) n = buffer.writeInt16BE(digit, n);
    return n - at;
  },
};

/** A JS number as plain decimal digits (String(1e-7) is "1e-7"). */
function decimalText(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`binary COPY: not a decimal: ${value}`);
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}

function encoderFor(sqlType: string): Encoder | null {
  if (sqlType === "text" || sqlType.startsWith("varchar") || sqlType.startsWith("character varying")) return utf8;
  if (sqlType === "uuid") return uuid;
  if (sqlType === "integer") return int4;
  if (sqlType === "boolean") return bool;
  if (sqlType === "timestamp with time zone") return timestamptz;
  if (sqlType.startsWith("numeric")) return numeric;
  if (sqlType === "jsonb") return json(1);
  if (sqlType === "json") return json(null);
  return null;
}

/** The columns' encoders, or null when one of their types has none (the caller writes CSV). */
export function binaryEncoders(sqlTypes: string[]): Encoder[] | null {
  const encoders = sqlTypes.map(encoderFor);
  return encoders.every((e): e is Encoder => e !== null) ? encoders : null;
}

/**
 * UTF-8 of `text` at `at`: a short ASCII text byte by byte (most of a row's texts — codes, numbers,
 * kinds — and cheaper than a call into Buffer#write), else Buffer#write.
 */
function writeText(buffer: Buffer, at: number, text: string): number {
  const length = text.length;
  if (length > 48) return buffer.write(text, at, "utf8");
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return buffer.write(text, at, "utf8");
    buffer[at + i] = code;
  }
  return length;
}

/** A text field's bytes after its optional version byte; answers their count. */
function writeTextField(buffer: Buffer, at: number, text: string, prefix: number | null): number {
  if (prefix === null) return writeText(buffer, at, text);
  buffer[at] = prefix;
  return 1 + writeText(buffer, at + 1, text);
}

/**
 * The rows as binary COPY input, in chunks of up to CHUNK_BYTES: the signature, then per row its
 * field count and each field's length (-1: NULL) and bytes, then the trailer.
 */
export function* binaryChunks(rows: Iterable<Record<string, unknown>>, keys: string[], encoders: Encoder[]): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = SIGNATURE.copy(chunk, 0);
  used = chunk.writeInt32BE(0, used); // flags
  used = chunk.writeInt32BE(0, used); // header extension
  const fields = keys.length;
  for (const row of rows) {
    if (used + 2 > chunk.length) {
      yield chunk.subarray(0, used);
      [chunk, used] = [Buffer.allocUnsafe(CHUNK_BYTES), 0];
    }
    used = chunk.writeInt16BE(fields, used);
    for (let i = 0; i < fields; i++) {
      const value = row[keys[i]!];
      const encoder = encoders[i]!;
      const absent = value === null || value === undefined;
      const text = absent || !("text" in encoder) ? null : encoder.text(value);
      // The field's length, a version byte and the value's bytes at most.
      const need = 5 + (absent ? 0 : text !== null ? text.length * 3 : (encoder as Sized).bytes(value));
      if (used + need > chunk.length) {
        if (used) yield chunk.subarray(0, used);
        [chunk, used] = [Buffer.allocUnsafe(Math.max(CHUNK_BYTES, need)), 0];
      }
      const bytes = absent
        ? -1
        : text !== null
          ? writeTextField(chunk, used + 4, text, (encoder as Textual).prefix)
          : (encoder as Sized).encode(chunk, used + 4, value);
      chunk.writeInt32BE(bytes, used);
      used += 4 + Math.max(bytes, 0);
    }
  }
  if (used + 2 > chunk.length) {
    yield chunk.subarray(0, used);
    [chunk, used] = [Buffer.allocUnsafe(2), 0];
  }
  used = chunk.writeInt16BE(-1, used);
  yield chunk.subarray(0, used);
}

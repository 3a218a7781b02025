/**
 * Float text as CPython writes it: repr (shortest round-trip, `1e+16` style), and exactly rounded
 * fixed/exponent/general formats (round-half-even on the exact binary value, like CPython's dtoa).
 */

export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expStr] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const exp = Number(expStr);
  if (exp >= -4 && exp < 16) return sign + placePoint(digits, exp, true);
  const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  return sign + m + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
}

/** digits d1d2d3… with value d1.d2d3… × 10^exp, as fixed notation; `forceFraction` adds ".0" to integers. */
function placePoint(digits: string, exp: number, forceFraction: boolean): string {
  if (exp < 0) return "0." + "0".repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return digits + "0".repeat(exp + 1 - digits.length) + (forceFraction ? ".0" : "");
  return digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
}

/** The exact value of a finite positive double as D × 10^E (D without leading zeros). */
function exactDecimal(x: number): { d: string; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (mant === 0n) return { d: "0", e: 0 };
  if (e2 >= 0) return { d: (mant << BigInt(e2)).toString(), e: 0 };
  return { d: (mant * 5n ** BigInt(-e2)).toString(), e: e2 };
}

/** Round digit string `d` keeping `keep` leading digits, half-even. Returns the kept digits (maybe one longer). */
function roundKeep(d: string, keep: number): string {
  if (keep >= d.length) return d + "0".repeat(keep - d.length);
  if (keep < 0) return "0";
  const head = d.slice(0, keep) || "0";
  const rest = d.slice(keep);
  let up = false;
  if (rest[0] > "5") up = true;
  else if (rest[0] === "5") {
    if (/[1-9]/.test(rest.slice(1))) up = true;
    else up = Number(head[head.length - 1]) % 2 === 1;
  }
  if (!up) return keep === 0 ? "0" : head;
  return (BigInt(head) + 1n).toString().padStart(keep === 0 ? 1 : keep, "0");
}

/** |x| rounded half-even to a multiple of 10^-n (n may be negative): digits R with value R × 10^-n. */
function roundToDecimals(ax: number, n: number): string {
  if (ax === 0) return "0";
  const { d, e } = exactDecimal(ax);
  const keep = d.length + e + n;
  if (keep < 0) return "0";
  return roundKeep(d, keep).replace(/^0+(?=\d)/, "");
}

/** Fixed notation with `prec` fraction digits for finite |x| (no sign). */
export function formatFixed(x: number, prec: number): string {
  const r = roundToDecimals(Math.abs(x), prec);
  if (prec === 0) return r;
  const padded = r.padStart(prec + 1, "0");
  return padded.slice(0, padded.length - prec) + "." + padded.slice(padded.length - prec);
}

/** Scientific notation with `prec` digits after the point, CPython style exponent (`e+05`). */
export function formatExponent(x: number, prec: number, upper = false): string {
  const ax = Math.abs(x);
  let digits: string;
  let exp: number;
  if (ax === 0) {
    digits = "0".repeat(prec + 1);
    exp = 0;
  } else {
    const { d, e } = exactDecimal(ax);
    exp = d.length + e - 1;
    digits = roundKeep(d, prec + 1);
    if (digits.length > prec + 1) {
      digits = digits.slice(0, prec + 1);
      exp++;
    }
  }
  const m = prec > 0 ? digits[0] + "." + digits.slice(1) : digits;
  const s = m + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  return upper ? s.toUpperCase() : s;
}

/** Significant digits and decimal exponent of |x| rounded to `p` significant digits. */
function sigDigits(ax: number, p: number): { digits: string; exp: number } {
  if (ax === 0) return { digits: "0".repeat(p), exp: 0 };
  const { d, e } = exactDecimal(ax);
  let exp = d.length + e - 1;
  let digits = roundKeep(d, p);
  if (digits.length > p) {
    digits = digits.slice(0, p);
    exp++;
  }
  return { digits, exp };
}

/**
 * General format ('g'): `prec` significant digits, fixed if -4 <= exp < prec else exponent; trailing zeros
 * removed unless `alt`. `noTypeMode` is the presentation for a spec with precision but no type letter.
 */
export function formatGeneral(x: number, prec: number, upper = false, alt = false, noTypeMode = false): string {
  const p = prec === 0 ? 1 : prec;
  const ax = Math.abs(x);
  const { digits, exp } = sigDigits(ax, p);
  let out: string;
  if (exp >= -4 && exp < (noTypeMode ? p - 1 : p)) {
    out = placePoint(digits, exp, false);
    if (!alt && out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
    if (noTypeMode && !out.includes(".")) out += ".0";
    else if (alt && !out.includes(".")) out += ".";
  } else {
    let m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    if (!alt && m.includes(".")) m = m.replace(/0+$/, "").replace(/\.$/, "");
    if (alt && !m.includes(".")) m += ".";
    out = m + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  }
  return upper ? out.toUpperCase() : out;
}

/** round(x, n) for floats: exact half-even rounding as CPython (via the exact decimal value). */
export function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (n > 330) return x;
  const sign = x < 0 ? -1 : 1;
  if (n < -330) return sign * 0;
  const r = roundToDecimals(Math.abs(x), n);
  const v = n >= 0 ? Number(r + "e-" + n) : Number(r + "e" + -n);
  return sign * v;
}

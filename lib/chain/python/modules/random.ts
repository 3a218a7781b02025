/**
 * `random`: CPython's Mersenne Twister (MT19937 with init_by_array), so `random.seed(42)` gives the numbers the
 * real Python gives. Without a seed, the real module seeds from os.urandom; the model seeds from the run's clock
 * (epoch ms), so one run is deterministic and a replay shows the same numbers.
 */
import { makeClass, objectClass, pyError } from "../classes";
import { bitLength } from "../ints";
import type { Kwargs, PyBuiltin, PyInstance, PyModule, PyValue, Runtime } from "../values";
import { pyBuiltin, pyList, pyModule } from "../values";

const N = 624;
const M = 397;

/** MT19937 as CPython's _randommodule.c runs it. */
class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, in 32 bits (split to stay exact in doubles)
      mt[i] = ((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i;
    }
    this.index = N;
  }

  /** init_by_array: the seed's 32-bit words, least significant first. */
  seedWords(key: number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (mt[i] ^ (((((prev & 0xffff0000) >>> 16) * 1664525) << 16) + (prev & 0x0000ffff) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (mt[i] ^ (((((prev & 0xffff0000) >>> 16) * 1566083941) << 16) + (prev & 0x0000ffff) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  uint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random(): 53 random bits as a float in [0, 1). */
  random(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** getrandbits(k) as CPython builds it: 32-bit words, least significant first, the last one shifted. */
  getrandbits(k: number): bigint {
    if (k <= 32) return BigInt(this.uint32() >>> (32 - k));
    let out = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let w = this.uint32();
      if (left < 32) w >>>= 32 - left;
      out |= BigInt(w) << shift;
      shift += 32n;
    }
    return out;
  }

  /** _randbelow_with_getrandbits. */
  below(n: bigint): bigint {
    if (n <= 0n) return 0n;
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }
}

/** random.seed(a) for an int: abs(a) split into 32-bit words (CPython's random_seed). */
function seedInt(gen: MersenneTwister, a: bigint): void {
  let v = a < 0n ? -a : a;
  const words: number[] = [];
  while (v > 0n) {
    words.push(Number(v & 0xffffffffn));
    v >>= 32n;
  }
  gen.seedWords(words.length ? words : [0]);
}

function asInt(interp: Runtime, v: PyValue, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  throw pyError("TypeError", `'${interp.typeName(v)}' object cannot be interpreted as an integer${what}`);
}

export function randomModule(interp: Runtime): PyModule {
  const gen = new MersenneTwister();
  seedInt(gen, BigInt(Math.floor(interp.epochMs)));
  const api = generatorApi(interp, gen);
  // random.Random(seed): its own generator with the module's methods (the module's functions are one hidden instance).
  const instances = new WeakMap<PyInstance, Record<string, PyBuiltin>>();
  const methods = Object.fromEntries(
    Object.keys(api).map((name) => [
      name,
      (args: PyValue[], kwargs: Kwargs) => {
        const own = instances.get(args[0] as PyInstance);
        if (!own) throw pyError("TypeError", `descriptor '${name}' requires a 'Random' object`);
        return own[name].fn(args.slice(1), kwargs, interp);
      },
    ]),
  );
  const Random = makeClass("Random", "random", {
    construct(cls, args, kwargs) {
      const self: PyInstance = { kind: "instance", cls, attrs: new Map() };
      const own = new MersenneTwister();
      instances.set(self, generatorApi(interp, own));
      const x = interp.bindArgs("Random", args, kwargs, ["x"], { x: null }).x;
      instances.get(self)!.seed.fn([x], new Map(), interp);
      return self;
    },
    methods,
  }, objectClass);
  return pyModule("random", { ...api, Random });
}

/** The module's functions, all drawing from one generator. */
function generatorApi(interp: Runtime, gen: MersenneTwister): Record<string, PyBuiltin> {
  /** A sequence by index, without copying a range (random.sample(range(10**6), 3) stays cheap). */
  const sequence = (v: PyValue): { length: number; at(i: number): PyValue } => {
    if (v !== null && typeof v === "object" && v.kind === "range") {
      const { start, stop, step } = v;
      const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
      return { length: Number(n > 0n ? n : 0n), at: (i) => start + BigInt(i) * step };
    }
    let items: PyValue[];
    if (typeof v === "string") items = Array.from(v);
    else if (v !== null && typeof v === "object" && (v.kind === "list" || v.kind === "tuple")) items = [...v.items];
    else throw pyError("TypeError", `'${interp.typeName(v)}' object is not subscriptable`);
    return { length: items.length, at: (i) => items[i] };
  };
  const randrange = (start: bigint, stop: bigint): bigint => {
    const width = stop - start;
    if (width <= 0n) throw pyError("ValueError", `empty range in randrange(${start}, ${stop})`);
    return start + gen.below(width);
  };
  return {
    seed: pyBuiltin("seed", (args, kwargs) => {
      const a = interp.bindArgs("seed", args, kwargs, ["a", "version"], { a: null, version: 2n }).a;
      if (a === null) seedInt(gen, BigInt(Math.floor(interp.wallClockMs())));
      else if (typeof a === "bigint" || typeof a === "boolean") seedInt(gen, asInt(interp, a, ""));
      else throw pyError("TypeError", "random.seed() with a str, bytes or float is not modelled by the course; use an int");
      return null;
    }),
    random: pyBuiltin("random", () => gen.random()),
    uniform: pyBuiltin("uniform", (args, kwargs) => {
      const { a, b } = interp.bindArgs("uniform", args, kwargs, ["a", "b"]);
      const x = Number(a);
      const y = Number(b);
      return x + (y - x) * gen.random();
    }),
    randint: pyBuiltin("randint", (args, kwargs) => {
      const { a, b } = interp.bindArgs("randint", args, kwargs, ["a", "b"]);
      return randrange(asInt(interp, a, ""), asInt(interp, b, "") + 1n);
    }),
    randrange: pyBuiltin("randrange", (args, kwargs) => {
      const p = interp.bindArgs("randrange", args, kwargs, ["start", "stop", "step"], { stop: null, step: 1n });
      const start = asInt(interp, p.start, "");
      if (p.stop === null) {
        if (start <= 0n) throw pyError("ValueError", "empty range for randrange()");
        return gen.below(start);
      }
      const stop = asInt(interp, p.stop, "");
      const step = asInt(interp, p.step, "");
      if (step === 1n) return randrange(start, stop);
      if (step === 0n) throw pyError("ValueError", "zero step for randrange()");
      const n = step > 0n ? (stop - start + step - 1n) / step : (stop - start + step + 1n) / step;
      if (n <= 0n) throw pyError("ValueError", "empty range for randrange()");
      return start + step * gen.below(n);
    }),
    getrandbits: pyBuiltin("getrandbits", (args) => {
      const k = asInt(interp, args[0] ?? null, "");
      if (k < 0n) throw pyError("ValueError", "number of bits must be non-negative");
      return k === 0n ? 0n : gen.getrandbits(Number(k));
    }),
    choice: pyBuiltin("choice", (args) => {
      const items = sequence(args[0] ?? null);
      if (!items.length) throw pyError("IndexError", "Cannot choose from an empty sequence");
      return items.at(Number(gen.below(BigInt(items.length))));
    }),
    shuffle: pyBuiltin("shuffle", (args) => {
      const x = args[0];
      if (x === null || typeof x !== "object" || x.kind !== "list") throw pyError("TypeError", `'${interp.typeName(x ?? null)}' object does not support item assignment`);
      for (let i = x.items.length - 1; i > 0; i--) {
        interp.charge(1);
        const j = Number(gen.below(BigInt(i + 1)));
        [x.items[i], x.items[j]] = [x.items[j], x.items[i]];
      }
      return null;
    }),
    sample: pyBuiltin("sample", (args, kwargs) => {
      const p = interp.bindArgs("sample", args, kwargs, ["population", "k"]);
      const pool = sequence(p.population);
      const k = Number(asInt(interp, p.k, ""));
      const n = pool.length;
      if (k < 0 || k > n) throw pyError("ValueError", "Sample larger than population or is negative");
      // CPython's two strategies: a shrinking pool for small samples of large populations, else a set of picks.
      let setsize = 21;
      if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
      const result: PyValue[] = [];
      if (n <= setsize) {
        interp.chargeAlloc(n);
        const copy = Array.from({ length: n }, (_, i) => pool.at(i));
        for (let i = 0; i < k; i++) {
          interp.charge(1);
          const j = Number(gen.below(BigInt(n - i)));
          result.push(copy[j]);
          copy[j] = copy[n - i - 1];
        }
      } else {
        const selected = new Set<number>();
        for (let i = 0; i < k; i++) {
          interp.charge(1);
          let j = Number(gen.below(BigInt(n)));
          while (selected.has(j)) j = Number(gen.below(BigInt(n)));
          selected.add(j);
          result.push(pool.at(j));
        }
      }
      return pyList(result);
    }),
  };
}

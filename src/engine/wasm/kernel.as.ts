/**
 * The kernel's hot loops in AssemblyScript, compiled to WebAssembly with SIMD (f64x2):
 * spillover exchanges and tie learning over pair lists that the mechanisms prepare in
 * TypeScript (src/engine/mechanisms/spillover.ts, tieLearning.ts). Everything here works on
 * byte addresses into the instance's memory, laid out by src/engine/wasm/kernel.ts; rows of
 * the knowledge arrays are D float64 values. The maths is the same as the mechanisms'
 * documentation: cognitive distance from the rows' centred, unit-length profiles
 * (proximity.ts `profileInto`, `distanceOf`), the inverted U r * exp(1 - r), gains
 * w * max(gap, 0) per domain, all gains computed from a snapshot (synchronous update).
 *
 * Build: `npm run wasm` (asc, then the bytes are embedded in kernel.bytes.ts).
 */

/**
 * Where the module's static data ends (Math.exp's lookup table lives below): buffers go
 * above this address.
 */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * The table of 2^(k/128) that AssemblyScript's Math.exp uses (musl's exp, std/assembly/util/math.ts
 * `EXP_DATA_TAB`, a copy: the standard library does not export it): pairs (tail, bits of scale).
 */
const EXP_TAB = memory.data<u64>([
  0x0000000000000000, 0x3FF0000000000000,
  0x3C9B3B4F1A88BF6E, 0x3FEFF63DA9FB3335,
  0xBC7160139CD8DC5D, 0x3FEFEC9A3E778061,
  0xBC905E7A108766D1, 0x3FEFE315E86E7F85,
  0x3C8CD2523567F613, 0x3FEFD9B0D3158574,
  0xBC8BCE8023F98EFA, 0x3FEFD06B29DDF6DE,
  0x3C60F74E61E6C861, 0x3FEFC74518759BC8,
  0x3C90A3E45B33D399, 0x3FEFBE3ECAC6F383,
  0x3C979AA65D837B6D, 0x3FEFB5586CF9890F,
  0x3C8EB51A92FDEFFC, 0x3FEFAC922B7247F7,
  0x3C3EBE3D702F9CD1, 0x3FEFA3EC32D3D1A2,
  0xBC6A033489906E0B, 0x3FEF9B66AFFED31B,
  0xBC9556522A2FBD0E, 0x3FEF9301D0125B51,
  0xBC5080EF8C4EEA55, 0x3FEF8ABDC06C31CC,
  0xBC91C923B9D5F416, 0x3FEF829AAEA92DE0,
  0x3C80D3E3E95C55AF, 0x3FEF7A98C8A58E51,
  0xBC801B15EAA59348, 0x3FEF72B83C7D517B,
  0xBC8F1FF055DE323D, 0x3FEF6AF9388C8DEA,
  0x3C8B898C3F1353BF, 0x3FEF635BEB6FCB75,
  0xBC96D99C7611EB26, 0x3FEF5BE084045CD4,
  0x3C9AECF73E3A2F60, 0x3FEF54873168B9AA,
  0xBC8FE782CB86389D, 0x3FEF4D5022FCD91D,
  0x3C8A6F4144A6C38D, 0x3FEF463B88628CD6,
  0x3C807A05B0E4047D, 0x3FEF3F49917DDC96,
  0x3C968EFDE3A8A894, 0x3FEF387A6E756238,
  0x3C875E18F274487D, 0x3FEF31CE4FB2A63F,
  0x3C80472B981FE7F2, 0x3FEF2B4565E27CDD,
  0xBC96B87B3F71085E, 0x3FEF24DFE1F56381,
  0x3C82F7E16D09AB31, 0x3FEF1E9DF51FDEE1,
  0xBC3D219B1A6FBFFA, 0x3FEF187FD0DAD990,
  0x3C8B3782720C0AB4, 0x3FEF1285A6E4030B,
  0x3C6E149289CECB8F, 0x3FEF0CAFA93E2F56,
  0x3C834D754DB0ABB6, 0x3FEF06FE0A31B715,
  0x3C864201E2AC744C, 0x3FEF0170FC4CD831,
  0x3C8FDD395DD3F84A, 0x3FEEFC08B26416FF,
  0xBC86A3803B8E5B04, 0x3FEEF6C55F929FF1,
  0xBC924AEDCC4B5068, 0x3FEEF1A7373AA9CB,
  0xBC9907F81B512D8E, 0x3FEEECAE6D05D866,
  0xBC71D1E83E9436D2, 0x3FEEE7DB34E59FF7,
  0xBC991919B3CE1B15, 0x3FEEE32DC313A8E5,
  0x3C859F48A72A4C6D, 0x3FEEDEA64C123422,
  0xBC9312607A28698A, 0x3FEEDA4504AC801C,
  0xBC58A78F4817895B, 0x3FEED60A21F72E2A,
  0xBC7C2C9B67499A1B, 0x3FEED1F5D950A897,
  0x3C4363ED60C2AC11, 0x3FEECE086061892D,
  0x3C9666093B0664EF, 0x3FEECA41ED1D0057,
  0x3C6ECCE1DAA10379, 0x3FEEC6A2B5C13CD0,
  0x3C93FF8E3F0F1230, 0x3FEEC32AF0D7D3DE,
  0x3C7690CEBB7AAFB0, 0x3FEEBFDAD5362A27,
  0x3C931DBDEB54E077, 0x3FEEBCB299FDDD0D,
  0xBC8F94340071A38E, 0x3FEEB9B2769D2CA7,
  0xBC87DECCDC93A349, 0x3FEEB6DAA2CF6642,
  0xBC78DEC6BD0F385F, 0x3FEEB42B569D4F82,
  0xBC861246EC7B5CF6, 0x3FEEB1A4CA5D920F,
  0x3C93350518FDD78E, 0x3FEEAF4736B527DA,
  0x3C7B98B72F8A9B05, 0x3FEEAD12D497C7FD,
  0x3C9063E1E21C5409, 0x3FEEAB07DD485429,
  0x3C34C7855019C6EA, 0x3FEEA9268A5946B7,
  0x3C9432E62B64C035, 0x3FEEA76F15AD2148,
  0xBC8CE44A6199769F, 0x3FEEA5E1B976DC09,
  0xBC8C33C53BEF4DA8, 0x3FEEA47EB03A5585,
  0xBC845378892BE9AE, 0x3FEEA34634CCC320,
  0xBC93CEDD78565858, 0x3FEEA23882552225,
  0x3C5710AA807E1964, 0x3FEEA155D44CA973,
  0xBC93B3EFBF5E2228, 0x3FEEA09E667F3BCD,
  0xBC6A12AD8734B982, 0x3FEEA012750BDABF,
  0xBC6367EFB86DA9EE, 0x3FEE9FB23C651A2F,
  0xBC80DC3D54E08851, 0x3FEE9F7DF9519484,
  0xBC781F647E5A3ECF, 0x3FEE9F75E8EC5F74,
  0xBC86EE4AC08B7DB0, 0x3FEE9F9A48A58174,
  0xBC8619321E55E68A, 0x3FEE9FEB564267C9,
  0x3C909CCB5E09D4D3, 0x3FEEA0694FDE5D3F,
  0xBC7B32DCB94DA51D, 0x3FEEA11473EB0187,
  0x3C94ECFD5467C06B, 0x3FEEA1ED0130C132,
  0x3C65EBE1ABD66C55, 0x3FEEA2F336CF4E62,
  0xBC88A1C52FB3CF42, 0x3FEEA427543E1A12,
  0xBC9369B6F13B3734, 0x3FEEA589994CCE13,
  0xBC805E843A19FF1E, 0x3FEEA71A4623C7AD,
  0xBC94D450D872576E, 0x3FEEA8D99B4492ED,
  0x3C90AD675B0E8A00, 0x3FEEAAC7D98A6699,
  0x3C8DB72FC1F0EAB4, 0x3FEEACE5422AA0DB,
  0xBC65B6609CC5E7FF, 0x3FEEAF3216B5448C,
  0x3C7BF68359F35F44, 0x3FEEB1AE99157736,
  0xBC93091FA71E3D83, 0x3FEEB45B0B91FFC6,
  0xBC5DA9B88B6C1E29, 0x3FEEB737B0CDC5E5,
  0xBC6C23F97C90B959, 0x3FEEBA44CBC8520F,
  0xBC92434322F4F9AA, 0x3FEEBD829FDE4E50,
  0xBC85CA6CD7668E4B, 0x3FEEC0F170CA07BA,
  0x3C71AFFC2B91CE27, 0x3FEEC49182A3F090,
  0x3C6DD235E10A73BB, 0x3FEEC86319E32323,
  0xBC87C50422622263, 0x3FEECC667B5DE565,
  0x3C8B1C86E3E231D5, 0x3FEED09BEC4A2D33,
  0xBC91BBD1D3BCBB15, 0x3FEED503B23E255D,
  0x3C90CC319CEE31D2, 0x3FEED99E1330B358,
  0x3C8469846E735AB3, 0x3FEEDE6B5579FDBF,
  0xBC82DFCD978E9DB4, 0x3FEEE36BBFD3F37A,
  0x3C8C1A7792CB3387, 0x3FEEE89F995AD3AD,
  0xBC907B8F4AD1D9FA, 0x3FEEEE07298DB666,
  0xBC55C3D956DCAEBA, 0x3FEEF3A2B84F15FB,
  0xBC90A40E3DA6F640, 0x3FEEF9728DE5593A,
  0xBC68D6F438AD9334, 0x3FEEFF76F2FB5E47,
  0xBC91EEE26B588A35, 0x3FEF05B030A1064A,
  0x3C74FFD70A5FDDCD, 0x3FEF0C1E904BC1D2,
  0xBC91BDFBFA9298AC, 0x3FEF12C25BD71E09,
  0x3C736EAE30AF0CB3, 0x3FEF199BDD85529C,
  0x3C8EE3325C9FFD94, 0x3FEF20AB5FFFD07A,
  0x3C84E08FD10959AC, 0x3FEF27F12E57D14B,
  0x3C63CDAF384E1A67, 0x3FEF2F6D9406E7B5,
  0x3C676B2C6C921968, 0x3FEF3720DCEF9069,
  0xBC808A1883CCB5D2, 0x3FEF3F0B555DC3FA,
  0xBC8FAD5D3FFFFA6F, 0x3FEF472D4A07897C,
  0xBC900DAE3875A949, 0x3FEF4F87080D89F2,
  0x3C74A385A63D07A7, 0x3FEF5818DCFBA487,
  0xBC82919E2040220F, 0x3FEF60E316C98398,
  0x3C8E5A50D5C192AC, 0x3FEF69E603DB3285,
  0x3C843A59AC016B4B, 0x3FEF7321F301B460,
  0xBC82D52107B43E1F, 0x3FEF7C97337B9B5F,
  0xBC892AB93B470DC9, 0x3FEF864614F5A129,
  0x3C74B604603A88D3, 0x3FEF902EE78B3FF6,
  0x3C83C5EC519D7271, 0x3FEF9A51FBC74C83,
  0xBC8FF7128FD391F0, 0x3FEFA4AFA2A490DA,
  0xBC8DAE98E223747D, 0x3FEFAF482D8E67F1,
  0x3C8EC3BC41AA2008, 0x3FEFBA1BEE615A27,
  0x3C842B94C3A9EB32, 0x3FEFC52B376BBA97,
  0x3C8A64A931D185EE, 0x3FEFD0765B6E4540,
  0xBC8E37BAE43BE3ED, 0x3FEFDBFDAD9CBE14,
  0x3C77893B4D91CD9D, 0x3FEFE7C1819E90D8,
  0x3C5305C14160CC89, 0x3FEFF3C22B8F71F1
]);

/**
 * exp of both lanes, bit for bit what Math.exp (musl's exp_lut, as AssemblyScript compiles it
 * at shrink level 0) returns for each: the same operations in the same order, two lanes at a
 * time (wasm SIMD rounds each lane as the scalar operation does; no fused multiply-add). Lanes
 * outside exp_lut's main path (|x| < 2^-54, |x| >= 512, NaN) go to Math.exp one by one.
 */
@inline function exp2x(x: v128): v128 {
  const a0 = <u32>(i64x2.extract_lane(x, 0) >>> 52) & 0x7FF, a1 = <u32>(i64x2.extract_lane(x, 1) >>> 52) & 0x7FF;
  if (a0 - 0x3C9 >= 0x03F || a1 - 0x3C9 >= 0x03F) {
    return f64x2.replace_lane(f64x2.splat(Math.exp(f64x2.extract_lane(x, 0))), 1, Math.exp(f64x2.extract_lane(x, 1)));
  }
  const shift = f64x2.splat(reinterpret<f64>(0x4338000000000000));
  const z = f64x2.mul(f64x2.splat(reinterpret<f64>(0x3FF71547652B82FE) * 128), x);
  let kd = f64x2.add(z, shift);
  const ki = kd;
  kd = f64x2.sub(kd, shift);
  const r = f64x2.add(f64x2.add(x, f64x2.mul(kd, f64x2.splat(reinterpret<f64>(0xBF762E42FEFA0000)))),
    f64x2.mul(kd, f64x2.splat(reinterpret<f64>(0xBD0CF79ABC9E3B3A))));
  const e0 = EXP_TAB + ((<usize>i64x2.extract_lane(ki, 0) & 127) << 4);
  const e1 = EXP_TAB + ((<usize>i64x2.extract_lane(ki, 1) & 127) << 4);
  const t0 = v128.load(e0), t1 = v128.load(e1);
  const tail = v128.shuffle<f64>(t0, t1, 0, 2);
  const sbits = i64x2.add(v128.shuffle<f64>(t0, t1, 1, 3), i64x2.shl(ki, 52 - 7));
  const r2 = f64x2.mul(r, r);
  const C2 = f64x2.splat(reinterpret<f64>(0x3FDFFFFFFFFFFDBD)), C3 = f64x2.splat(reinterpret<f64>(0x3FC555555555543C));
  const C4 = f64x2.splat(reinterpret<f64>(0x3FA55555CF172B91)), C5 = f64x2.splat(reinterpret<f64>(0x3F81111167A4D017));
  const tmp = f64x2.add(
    f64x2.add(f64x2.add(tail, r), f64x2.mul(r2, f64x2.add(C2, f64x2.mul(r, C3)))),
    f64x2.mul(f64x2.mul(r2, r2), f64x2.add(C4, f64x2.mul(r, C5))));
  return f64x2.add(sbits, f64x2.mul(sbits, tmp));
}

/** A vector of two doubles. */
@inline function pair(a: f64, b: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(a), 1, b);
}

/** Test hook: exp of n doubles at x into out, two at a time with `exp2x` (n even). */
export function expPairs(x: usize, out: usize, n: i32): void {
  for (let k: usize = 0; k < (<usize>n << 3); k += 16) v128.store(out + k, exp2x(v128.load(x + k)));
}

/** Test hook: the same with Math.exp, one at a time (what `expPairs` must match bit for bit). */
export function expEach(x: usize, out: usize, n: i32): void {
  for (let k: usize = 0; k < (<usize>n << 3); k += 8) store<f64>(out + k, Math.exp(load<f64>(x + k)));
}

/** Sum of the two lanes. */
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Dot product of two rows of D values. */
@inline function dot(a: usize, b: usize, D: i32): f64 {
  let acc = f64x2.splat(0);
  const pairs = <usize>(D >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) acc = f64x2.add(acc, f64x2.mul(v128.load(a + k), v128.load(b + k)));
  let s = hsum(acc);
  if (D & 1) s += load<f64>(a + pairs) * load<f64>(b + pairs);
  return s;
}

/** Dot product of two rows of sums (tacit + codified): (A1 + A2) . (B1 + B2). */
@inline function dotSum(a1: usize, a2: usize, b1: usize, b2: usize, D: i32): f64 {
  let acc = f64x2.splat(0);
  const pairs = <usize>(D >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    acc = f64x2.add(acc, f64x2.mul(
      f64x2.add(v128.load(a1 + k), v128.load(a2 + k)),
      f64x2.add(v128.load(b1 + k), v128.load(b2 + k))));
  }
  let s = hsum(acc);
  if (D & 1) s += (load<f64>(a1 + pairs) + load<f64>(a2 + pairs)) * (load<f64>(b1 + pairs) + load<f64>(b2 + pairs));
  return s;
}

/**
 * Cognitive distance from the dot product of two centred unit profiles (their Pearson
 * correlation rho): (1 - rho) / 2, in [0, 1] (proximity.ts `distanceOf`).
 */
@inline function cognitive(rho: f64): f64 {
  const d = 0.5 * (1 - rho);
  return d < 0 ? 0 : d > 1 ? 1 : d;
}

/**
 * Both sides of each pair learn from the other (gap split by sign), each domain weighted by
 * the learner's affinity for it (`aff`, its prior related knowledge: relative level over its
 * best, Cohen & Levinthal 1990): dst_i += wi * aff_i * max(src_j - src_i, 0),
 * dst_j += wj * aff_j * max(src_i - src_j, 0). Returns the two sums packed in one vector [gi, gj].
 */
@inline function both(dst: usize, src: usize, aff: usize, bi: usize, bj: usize, wi: f64, wj: f64, D: i32): v128 {
  // max(gap, 0) = 0.5 * (gap + |gap|): the callers pass half weights.
  const vwi = f64x2.splat(wi), vwj = f64x2.splat(wj);
  let gi = f64x2.splat(0), gj = f64x2.splat(0);
  const pairs = <usize>(D >> 1) << 4;
  for (let k: usize = 0; k < pairs; k += 16) {
    const gap = f64x2.sub(v128.load(src + bj + k), v128.load(src + bi + k));
    const a = f64x2.abs(gap);
    const di = f64x2.mul(f64x2.mul(vwi, v128.load(aff + bi + k)), f64x2.add(gap, a));
    const dj = f64x2.mul(f64x2.mul(vwj, v128.load(aff + bj + k)), f64x2.sub(a, gap));
    v128.store(dst + bi + k, f64x2.add(v128.load(dst + bi + k), di));
    v128.store(dst + bj + k, f64x2.add(v128.load(dst + bj + k), dj));
    gi = f64x2.add(gi, di);
    gj = f64x2.add(gj, dj);
  }
  let si = hsum(gi), sj = hsum(gj);
  if (D & 1) {
    const gap = load<f64>(src + bj + pairs) - load<f64>(src + bi + pairs);
    const a = Math.abs(gap);
    const di = wi * load<f64>(aff + bi + pairs) * (gap + a), dj = wj * load<f64>(aff + bj + pairs) * (a - gap);
    store<f64>(dst + bi + pairs, load<f64>(dst + bi + pairs) + di);
    store<f64>(dst + bj + pairs, load<f64>(dst + bj + pairs) + dj);
    si += di;
    sj += dj;
  }
  return f64x2.replace_lane(f64x2.splat(si), 1, sj);
}

/**
 * `both` for two agents of different sectors: each side's gap is measured in its own units.
 * The source's level is first put into the learner's units, times the ratio of the learner's
 * sector frontier to the source's in that domain (rIJ: n x D row for i learning from j, rJI
 * the other way; frontier.ts `frontierRatios`): a partner at 70 % of its sector's best practice
 * brings the learner up toward 70 % of the learner's (relative knowledge is what is comparable
 * across sectors whose frontiers drift at different rates).
 */
@inline function bothScaled(dst: usize, src: usize, aff: usize, bi: usize, bj: usize, wi: f64, wj: f64, D: i32, rIJ: usize, rJI: usize): v128 {
  let si: f64 = 0, sj: f64 = 0;
  for (let k: usize = 0; k < (<usize>D << 3); k += 8) {
    const xi = load<f64>(src + bi + k), xj = load<f64>(src + bj + k);
    const gi = xj * load<f64>(rIJ + k) - xi, gj = xi * load<f64>(rJI + k) - xj;
    const di = wi * load<f64>(aff + bi + k) * (gi + Math.abs(gi)), dj = wj * load<f64>(aff + bj + k) * (gj + Math.abs(gj));
    store<f64>(dst + bi + k, load<f64>(dst + bi + k) + di);
    store<f64>(dst + bj + k, load<f64>(dst + bj + k) + dj);
    si += di;
    sj += dj;
  }
  return f64x2.replace_lane(f64x2.splat(si), 1, sj);
}

/** Row of the frontier-ratio table for a learner of sector a and a source of sector b: ratio + ((a S + b) D) doubles. */
@inline function ratioRow(ratio: usize, a: i32, b: i32, S: i32, D: i32): usize {
  return ratio + ((<usize>(a * S + b) * <usize>D) << 3);
}

/**
 * Powers of n doubles: out[k] = x[k]^p as exp(p ln x[k]) for x[k] > 0, 0 otherwise, with
 * AssemblyScript's own Math.log and Math.exp (musl's, compiled into this module): the same
 * bits on every engine, as all wasm arithmetic, and a fraction of the cost of the portable
 * JavaScript ones (src/engine/math.ts) for a whole column at once.
 */
export function powEach(x: usize, out: usize, n: i32, p: f64): void {
  for (let k: usize = 0; k < (<usize>n << 3); k += 8) {
    const v = load<f64>(x + k);
    store<f64>(out + k, v > 0 ? Math.exp(p * Math.log(v)) : 0);
  }
}

/**
 * Normalised entropies of m rows of D non-negative values: out[r] = -sum_k p_k ln p_k / ln D,
 * p_k = x_rk / sum_k x_rk (0 for a row summing to 0, or D < 2), with the module's own Math.log.
 */
export function entropyEach(x: usize, m: i32, D: i32, out: usize): void {
  const lnD = Math.log(<f64>D);
  for (let r: usize = 0; r < <usize>m; r++) {
    const row = x + ((r * <usize>D) << 3);
    let all: f64 = 0;
    for (let k: usize = 0; k < <usize>D; k++) all += load<f64>(row + (k << 3));
    let h: f64 = 0;
    if (D >= 2 && all > 0) {
      for (let k: usize = 0; k < <usize>D; k++) {
        const v = load<f64>(row + (k << 3));
        if (v > 0) { const q = v / all; h -= q * Math.log(q); }
      }
      h /= lnD;
    }
    store<f64>(out + (r << 3), h);
  }
}

/**
 * The step's profiles (profiles.ts `fill`) of n rows of D: with x = T + C, each row's stock
 * sum_k x_k, its profile x / F centred and scaled to unit length (iF: 1 / the frontier, S x D,
 * the row of its sector; a row of no spread gets 0) and its affinities w / max_k w (0 when no
 * w is positive); and x itself into know (spillover's snapshot, `spillover.ts`). Two rows at a
 * time, one in each lane: a lane does the scalar loop's operations in the scalar loop's order
 * (every sum from k = 0 up; wasm rounds each lane as the scalar operation, and sqrt and
 * division are exact-rounded), so the bits are the same.
 */
export function profilesEach(T: usize, C: usize, w: usize, iF: usize, sector: usize, n: i32, D: i32, prof: usize, aff: usize, stock: usize, know: usize): void {
  const row = <usize>D << 3;
  const zero = f64x2.splat(0), one = f64x2.splat(1), vD = f64x2.splat(<f64>D);
  let i: i32 = 0;
  for (; i + 1 < n; i += 2) {
    const a = <usize>i * row, b = a + row;
    const fa = iF + <usize>load<i32>(sector + (<usize>i << 2)) * row, fb = iF + <usize>load<i32>(sector + (<usize>i << 2), 4) * row;
    let mean = zero, st = zero, top = zero;
    for (let k: usize = 0; k < row; k += 8) {
      const x = f64x2.add(pair(load<f64>(T + a + k), load<f64>(T + b + k)), pair(load<f64>(C + a + k), load<f64>(C + b + k)));
      store<f64>(know + a + k, f64x2.extract_lane(x, 0));
      store<f64>(know + b + k, f64x2.extract_lane(x, 1));
      st = f64x2.add(st, x);
      const v = f64x2.mul(x, pair(load<f64>(fa + k), load<f64>(fb + k)));
      store<f64>(prof + a + k, f64x2.extract_lane(v, 0));
      store<f64>(prof + b + k, f64x2.extract_lane(v, 1));
      mean = f64x2.add(mean, v);
      const wv = pair(load<f64>(w + a + k), load<f64>(w + b + k));
      top = v128.bitselect(wv, top, f64x2.gt(wv, top)); // if (w > top) top = w
    }
    store<f64>(stock + (<usize>i << 3), f64x2.extract_lane(st, 0));
    store<f64>(stock + (<usize>i << 3), f64x2.extract_lane(st, 1), 8);
    mean = f64x2.div(mean, vD);
    let ss = zero;
    for (let k: usize = 0; k < row; k += 8) {
      const d = f64x2.sub(pair(load<f64>(prof + a + k), load<f64>(prof + b + k)), mean);
      store<f64>(prof + a + k, f64x2.extract_lane(d, 0));
      store<f64>(prof + b + k, f64x2.extract_lane(d, 1));
      ss = f64x2.add(ss, f64x2.mul(d, d));
    }
    const flat = f64x2.mul(f64x2.splat(1e-24), f64x2.add(f64x2.mul(mean, mean), f64x2.splat(1e-300)));
    const inv = v128.bitselect(f64x2.div(one, f64x2.sqrt(ss)), zero, f64x2.gt(ss, flat));
    const invTop = v128.bitselect(f64x2.div(one, top), zero, f64x2.gt(top, zero));
    for (let k: usize = 0; k < row; k += 8) {
      const p = f64x2.mul(pair(load<f64>(prof + a + k), load<f64>(prof + b + k)), inv);
      store<f64>(prof + a + k, f64x2.extract_lane(p, 0));
      store<f64>(prof + b + k, f64x2.extract_lane(p, 1));
      const q = f64x2.mul(pair(load<f64>(w + a + k), load<f64>(w + b + k)), invTop);
      store<f64>(aff + a + k, f64x2.extract_lane(q, 0));
      store<f64>(aff + b + k, f64x2.extract_lane(q, 1));
    }
  }
  if (i < n) {
    // The last row of an odd n, the scalar loop itself.
    const a = <usize>i * row, f = iF + <usize>load<i32>(sector + (<usize>i << 2)) * row;
    let mean: f64 = 0, st: f64 = 0, top: f64 = 0;
    for (let k: usize = 0; k < row; k += 8) {
      const x = load<f64>(T + a + k) + load<f64>(C + a + k);
      store<f64>(know + a + k, x);
      st += x;
      const v = x * load<f64>(f + k);
      store<f64>(prof + a + k, v);
      mean += v;
      const wk = load<f64>(w + a + k);
      if (wk > top) top = wk;
    }
    store<f64>(stock + (<usize>i << 3), st);
    mean /= <f64>D;
    let ss: f64 = 0;
    for (let k: usize = 0; k < row; k += 8) {
      const d = load<f64>(prof + a + k) - mean;
      store<f64>(prof + a + k, d);
      ss += d * d;
    }
    const inv = ss > 1e-24 * (mean * mean + 1e-300) ? 1 / Math.sqrt(ss) : 0;
    const invTop = top > 0 ? 1 / top : 0;
    for (let k: usize = 0; k < row; k += 8) {
      store<f64>(prof + a + k, load<f64>(prof + a + k) * inv);
      store<f64>(aff + a + k, load<f64>(w + a + k) * invTop);
    }
  }
}

/**
 * Outside knowledge and forgetting (capabilities.ts, the per-domain part of its step) for n
 * rows of D, in place in T (tacit) and C (codified): row i (skipped where live_i is 0) takes
 * got = A_i aff_ik adv_sk of the frontier's advance in domain k (s its sector, adv S x D) into
 * the domain's own tacit / codified mix (half and half when the domain is empty), then keeps
 * 1 - lost (1 - D niche_ik) of both where that is below 1. Each cell on its own, two domains
 * a SIMD operation: the scalar loop's operations on each, its branches as selects, so the
 * bits are the same.
 */
export function outsideKnowledge(T: usize, C: usize, niche: usize, aff: usize, adv: usize, sector: usize, A: usize, live: usize,
  n: i32, D: i32, lost: f64): void {
  const row = <usize>D << 3, pairs = <usize>(D >> 1) << 4;
  const zero = f64x2.splat(0), one = f64x2.splat(1), half = f64x2.splat(0.5), vD = f64x2.splat(<f64>D), vLost = f64x2.splat(lost);
  for (let i: i32 = 0; i < n; i++) {
    if (load<i32>(live + (<usize>i << 2)) == 0) continue;
    const a = load<f64>(A + (<usize>i << 3)), vA = f64x2.splat(a);
    const b = <usize>i * row, f = adv + <usize>load<i32>(sector + (<usize>i << 2)) * row;
    for (let k: usize = 0; k < pairs; k += 16) {
      let t = v128.load(T + b + k), c = v128.load(C + b + k);
      const got = f64x2.mul(f64x2.mul(vA, v128.load(aff + b + k)), v128.load(f + k));
      const sum = f64x2.add(t, c);
      const ts = v128.bitselect(f64x2.div(t, sum), half, f64x2.gt(sum, zero));
      const learn = f64x2.gt(got, zero);
      t = v128.bitselect(f64x2.add(t, f64x2.mul(got, ts)), t, learn);
      c = v128.bitselect(f64x2.add(c, f64x2.mul(got, f64x2.sub(one, ts))), c, learn);
      const unused = f64x2.sub(one, f64x2.mul(vD, v128.load(niche + b + k)));
      const keep = f64x2.sub(one, f64x2.mul(vLost, unused));
      const forget = f64x2.gt(unused, zero);
      v128.store(T + b + k, v128.bitselect(f64x2.mul(t, keep), t, forget));
      v128.store(C + b + k, v128.bitselect(f64x2.mul(c, keep), c, forget));
    }
    if (D & 1) {
      const q = b + pairs;
      let t = load<f64>(T + q), c = load<f64>(C + q);
      const got = a * load<f64>(aff + q) * load<f64>(f + pairs);
      if (got > 0) {
        const sum = t + c;
        const ts = sum > 0 ? t / sum : 0.5;
        t = t + got * ts;
        c = c + got * (1 - ts);
      }
      const unused = 1 - <f64>D * load<f64>(niche + q);
      if (unused > 0) {
        const keep = 1 - lost * unused;
        t *= keep;
        c *= keep;
      }
      store<f64>(T + q, t);
      store<f64>(C + q, c);
    }
  }
}

/** Knowledge snapshot for n rows of D: a (codified on entry) += b (tacit), so a holds tacit + codified. */
export function addRows(a: usize, b: usize, n: i32, D: i32): void {
  const all = <usize>n * <usize>D << 3;
  const pairs = all & ~(<usize>15);
  for (let k: usize = 0; k < pairs; k += 16) v128.store(a + k, f64x2.add(v128.load(a + k), v128.load(b + k)));
  if (all & 8) store<f64>(a + pairs, load<f64>(a + pairs) + load<f64>(b + pairs));
}

/**
 * Pairs whose weights are computed before their gains (see `spillExchanges`), and room for
 * their weights: 16 bytes each, and one pair more (an odd block's last exp pair).
 */
const BLOCK: i32 = 256;
const WEIGHTS = memory.data((BLOCK + 1) * 16, 16);

@inline function at(base: usize, i: usize): f64 {
  return load<f64>(base + (i << 3));
}

@inline function addAt(base: usize, i: usize, v: f64): void {
  store<f64>(base + (i << 3), load<f64>(base + (i << 3)) + v);
}

/**
 * Spillover exchanges: for each pair (i, j) in `pairs` (m pairs of int32), i and j learn
 * from each other's snapshot knowledge `know` into `tacit`:
 *   w_i = base_i * r_i * exp(1 - r_i - km * (invGeo_i + invGeo_j) / 2), r_i = cd * invDs_i
 * (cd from the centred unit profiles `prof`; invGeo per row: 1 / the geographical scale of
 * its sector's knowledge base; each domain's gain times the receiver's affinity `aff`, see
 * `both`) and the gains are added to `gain` (one float64 per row).
 * Returns the total gained.
 */
export function spillExchanges(
  pairs: usize, m: i32, know: usize, tacit: usize, prof: usize, base: usize, invDs: usize,
  x: usize, y: usize, gain: usize, D: i32, invGeo: usize, aff: usize, sector: usize, ratio: usize, S: i32,
): f64 {
  const row = <usize>D << 3;
  let total: f64 = 0;
  // A block of pairs at a time: first the weights (independent from pair to pair, so the
  // processor overlaps their long chains: dot product, division, exp), then the gains.
  for (let p0: i32 = 0; p0 < m; p0 += BLOCK) {
    const p1 = min(m, p0 + BLOCK);
    for (let p = p0; p < p1; p++) {
      const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
      const cd = cognitive(dot(prof + i * row, prof + j * row, D));
      const dx = at(x, j) - at(x, i), dy = at(y, j) - at(y, i);
      const geo = -Math.sqrt(dx * dx + dy * dy) * 0.5 * (at(invGeo, i) + at(invGeo, j));
      // w = base * 0.5 * r * exp(1 - r + geo), both sides at once.
      const r = f64x2.mul(f64x2.splat(cd), pair(at(invDs, i), at(invDs, j)));
      const e = exp2x(f64x2.add(f64x2.sub(f64x2.splat(1), r), f64x2.splat(geo)));
      v128.store(WEIGHTS + (<usize>(p - p0) << 4), f64x2.mul(f64x2.mul(f64x2.mul(pair(at(base, i), at(base, j)), f64x2.splat(0.5)), r), e));
    }
    for (let p = p0; p < p1; p++) {
      const w = v128.load(WEIGHTS + (<usize>(p - p0) << 4));
      const wi = f64x2.extract_lane(w, 0), wj = f64x2.extract_lane(w, 1);
      if (!(wi > 0) && !(wj > 0)) continue;
      const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
      const si = load<i32>(sector + (i << 2)), sj = load<i32>(sector + (j << 2));
      const g = si == sj ? both(tacit, know, aff, i * row, j * row, wi, wj, D)
        : bothScaled(tacit, know, aff, i * row, j * row, wi, wj, D, ratioRow(ratio, si, sj, S, D), ratioRow(ratio, sj, si, S, D));
      const gi = f64x2.extract_lane(g, 0), gj = f64x2.extract_lane(g, 1);
      addAt(gain, i, gi);
      addAt(gain, j, gj);
      total += gi + gj;
    }
  }
  return total;
}

/**
 * One-sided spillovers: for each pair (i, j), receiver i learns from j (j gains nothing:
 * it samples its own neighbours). Same weight as `spillExchanges`. Returns the total.
 */
export function spillLearn(
  pairs: usize, m: i32, know: usize, tacit: usize, prof: usize, base: usize, invDs: usize,
  x: usize, y: usize, gain: usize, D: i32, invGeo: usize, aff: usize, sector: usize, ratio: usize, S: i32,
): f64 {
  const row = <usize>D << 3;
  const pairsD = <usize>(D >> 1) << 4;
  let total: f64 = 0;
  // As in `spillExchanges`, a block at a time: the factors b * 0.5 * r and the arguments of
  // exp of every pair (none for a receiver that cannot learn), exp two pairs at a time, then
  // the gains.
  for (let p0: i32 = 0; p0 < m; p0 += BLOCK) {
    const p1 = min(m, p0 + BLOCK);
    for (let p = p0; p < p1; p++) {
      const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
      const w = WEIGHTS + (<usize>(p - p0) << 4);
      const b = at(base, i);
      if (b == 0) { v128.store(w, f64x2.splat(0)); continue; }
      const cd = cognitive(dot(prof + i * row, prof + j * row, D));
      const dx = at(x, j) - at(x, i), dy = at(y, j) - at(y, i);
      const r = cd * at(invDs, i);
      v128.store(w, pair(b * 0.5 * r, 1 - r - Math.sqrt(dx * dx + dy * dy) * 0.5 * (at(invGeo, i) + at(invGeo, j))));
    }
    for (let p = p0; p < p1; p += 2) {
      const w = WEIGHTS + (<usize>(p - p0) << 4);
      const a = v128.load(w), b = v128.load(w, 16); // (factor, argument) of pairs p and p + 1
      const e = exp2x(v128.shuffle<f64>(a, b, 1, 3));
      const f = f64x2.mul(v128.shuffle<f64>(a, b, 0, 2), e);
      store<f64>(w, f64x2.extract_lane(f, 0));
      store<f64>(w, f64x2.extract_lane(f, 1), 16);
    }
    for (let p = p0; p < p1; p++) {
      const wi = load<f64>(WEIGHTS + (<usize>(p - p0) << 4));
      if (!(wi > 0)) continue;
      const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
      const bi = i * row, bj = j * row;
      const si = load<i32>(sector + (i << 2)), sj = load<i32>(sector + (j << 2));
      if (si != sj) {
        // Across sectors: the source's level in the learner's units (bothScaled).
        const rIJ = ratioRow(ratio, si, sj, S, D);
        let gs: f64 = 0;
        for (let k: usize = 0; k < (<usize>D << 3); k += 8) {
          const gap = load<f64>(know + bj + k) * load<f64>(rIJ + k) - load<f64>(know + bi + k);
          const d = wi * load<f64>(aff + bi + k) * (gap + Math.abs(gap));
          store<f64>(tacit + bi + k, load<f64>(tacit + bi + k) + d);
          gs += d;
        }
        addAt(gain, i, gs);
        total += gs;
        continue;
      }
      const vw = f64x2.splat(wi);
      let g = f64x2.splat(0);
      for (let k: usize = 0; k < pairsD; k += 16) {
        const gap = f64x2.sub(v128.load(know + bj + k), v128.load(know + bi + k));
        const d = f64x2.mul(f64x2.mul(vw, v128.load(aff + bi + k)), f64x2.add(gap, f64x2.abs(gap)));
        v128.store(tacit + bi + k, f64x2.add(v128.load(tacit + bi + k), d));
        g = f64x2.add(g, d);
      }
      let gi = hsum(g);
      if (D & 1) {
        const gap = load<f64>(know + bj + pairsD) - load<f64>(know + bi + pairsD);
        const d = wi * load<f64>(aff + bi + pairsD) * (gap + Math.abs(gap));
        store<f64>(tacit + bi + pairsD, load<f64>(tacit + bi + pairsD) + d);
        gi += d;
      }
      addAt(gain, i, gi);
      total += gi;
    }
  }
  return total;
}

/** Organisational proximity (proximity.ts `organisational`): same group or project 1, same centre 0.7, else 0. */
@inline function organisational(group: usize, project: usize, centre: usize, i: usize, j: usize): f64 {
  const gi = load<i32>(group + (i << 2));
  if (gi >= 0 && gi == load<i32>(group + (j << 2))) return 1;
  const pi = load<i32>(project + (i << 2));
  if (pi >= 0 && pi == load<i32>(project + (j << 2))) return 1;
  const ci = load<i32>(centre + (i << 2));
  if (ci >= 0 && ci == load<i32>(centre + (j << 2))) return 0.7;
  return 0;
}

/**
 * Tie learning over used ties. Tie p is (i, j) in `pairs`; its record at rec + 40 p holds
 * [strength, trust, cd, gain, geo]: strength and trust in (both halves of a tie hold the
 * same), the tie's cognitive distance, the knowledge that moved on it (both sides, tacit and
 * codified) and its geographical proximity out; the mechanism then updates strength and trust from the outcome. Per-row
 * columns: absorptive capacity `ac`, `ict`, `region`, `group`, `project`, `centre` (int32),
 * the R x R matrix of institutional proximity `inst`; by sector (S values each, read at each
 * side's `sector`, its knowledge base's): the rates kT (tacit) and kC (codified), `lab` the
 * factor when the partner is a research institution (`res` 1, per row), and 1 / the
 * geographical and codified distance scales (invGeo, invCod); `aff` (n x D) each row's affinity
 * for each domain (each domain's gain is weighted by it, see `both`). `par` holds
 * [tacitOrgWeight, tacitInstWeight, remoteEnable, lockIn]. For each tie, each side i (if
 * its absorptive capacity is positive) learns with the weights
 *   tacit:    kT_i A_i s trust L_i f_i reach lock,   codified: kC_i A_i s L_i f_i ict_i ict_j exp(-km / cod) lock
 * where L_i = lab_i if j is a research institution, else 1; f_i = r exp(1 - r),
 * r = cd invDs_i; geo = exp(-km / geoScale) (scales averaged over the two sides);
 * reach = 1 - (1 - geo)(1 - e tow org)(1 - e tiw inst), e = remoteEnable + (1 - remoteEnable) geo
 * (proximities partly substitute for each other, and geographical proximity strengthens
 * the others: Boschma 2005); lock = 1 - lockIn min(geo, org, inst, trust, 1 - cd) (too much
 * proximity of every kind locks in). Both sides learn from the snapshots sT, sC into T, C;
 * across sectors (`sector`, int32) each side's gap is in its own units (`bothScaled`, with the
 * S x S x D table `ratio` of frontier ratios).
 * Each side's gains are added to its row of gT (tacit) and gC (codified), their sums over
 * the m ties to par[8] and par[9].
 */
export function tieLearn(
  pairs: usize, rec: usize, m: i32, sT: usize, sC: usize, T: usize, C: usize, prof: usize, invDs: usize,
  x: usize, y: usize, ac: usize, ict: usize, region: usize, group: usize, project: usize, centre: usize,
  inst: usize, R: i32, gT: usize, gC: usize, par: usize, D: i32,
  kT: usize, kC: usize, lab: usize, res: usize, invGeo: usize, invCod: usize, aff: usize,
  sector: usize, ratio: usize, S: i32,
): void {
  const row = <usize>D << 3;
  const tow = load<f64>(par), tiw = load<f64>(par, 8), near = load<f64>(par, 16), lockIn = load<f64>(par, 24);
  let sumT: f64 = 0, sumC: f64 = 0;
  for (let p: i32 = 0; p < m; p++) {
    const i = <usize>load<i32>(pairs + (<usize>p << 3)), j = <usize>load<i32>(pairs + (<usize>p << 3) + 4);
    const r = rec + <usize>p * 40;
    const st = load<f64>(r), tr = load<f64>(r, 8);
    const si = load<i32>(sector + (i << 2)), sj = load<i32>(sector + (j << 2));
    const ki = <usize>si, kj = <usize>sj;
    // What does not depend on distance: each side's rate x absorptive capacity x strength
    // (x trust for tacit) x its factor for a research partner; the product of ICT levels.
    const aci = at(ac, i), acj = at(ac, j), tt = st * tr;
    const li = load<i32>(res + (j << 2)) != 0 ? at(lab, ki) : 1, lj = load<i32>(res + (i << 2)) != 0 ? at(lab, kj) : 1;
    const aTi = aci > 0 ? at(kT, ki) * aci * tt * li : 0, aCi = aci > 0 ? at(kC, ki) * aci * st * li : 0;
    const aTj = acj > 0 ? at(kT, kj) * acj * tt * lj : 0, aCj = acj > 0 ? at(kC, kj) * acj * st * lj : 0;
    const org = organisational(group, project, centre, i, j);
    const ri_ = <usize>load<i32>(region + (i << 2)), rj_ = <usize>load<i32>(region + (j << 2));
    const instIJ = at(inst, ri_ * R + rj_), instJI = at(inst, rj_ * R + ri_);
    const ictIJ = at(ict, i) * at(ict, j);
    const bi = i * row, bj = j * row;
    const dx = at(x, i) - at(x, j), dy = at(y, i) - at(y, j);
    const km = Math.sqrt(dx * dx + dy * dy);
    const cd = cognitive(dot(prof + bi, prof + bj, D));
    // exp(-km / geoScale) and exp(-km / codScale) at once, then exp(1 - r) of both sides.
    const g = exp2x(f64x2.mul(f64x2.splat(-km), pair(0.5 * (at(invGeo, ki) + at(invGeo, kj)), 0.5 * (at(invCod, ki) + at(invCod, kj)))));
    const geo = f64x2.extract_lane(g, 0);
    const codReach = ictIJ * f64x2.extract_lane(g, 1);
    const enable = near + (1 - near) * geo;
    const sOrg = 1 - enable * tow * org;
    const reachI = 1 - (1 - geo) * sOrg * (1 - enable * tiw * instIJ), reachJ = 1 - (1 - geo) * sOrg * (1 - enable * tiw * instJI);
    const lock = 1 - lockIn * min(min(geo, org), min(min(instIJ, instJI), min(tr, 1 - cd)));
    const rij = f64x2.mul(f64x2.splat(cd), pair(at(invDs, i), at(invDs, j)));
    const fij = f64x2.mul(f64x2.mul(f64x2.splat(0.5 * lock), rij), exp2x(f64x2.sub(f64x2.splat(1), rij)));
    let wTi: f64 = 0, wCi: f64 = 0, wTj: f64 = 0, wCj: f64 = 0;
    if (aTi > 0 || aCi > 0) {
      const f = f64x2.extract_lane(fij, 0);
      wTi = aTi * f * reachI;
      wCi = aCi * f * codReach;
    }
    if (aTj > 0 || aCj > 0) {
      const f = f64x2.extract_lane(fij, 1);
      wTj = aTj * f * reachJ;
      wCj = aCj * f * codReach;
    }
    let vT: v128, vC: v128;
    if (si == sj) {
      vT = both(T, sT, aff, bi, bj, wTi, wTj, D);
      vC = both(C, sC, aff, bi, bj, wCi, wCj, D);
    } else {
      const rIJ = ratioRow(ratio, si, sj, S, D), rJI = ratioRow(ratio, sj, si, S, D);
      vT = bothScaled(T, sT, aff, bi, bj, wTi, wTj, D, rIJ, rJI);
      vC = bothScaled(C, sC, aff, bi, bj, wCi, wCj, D, rIJ, rJI);
    }
    const gTi = f64x2.extract_lane(vT, 0), gTj = f64x2.extract_lane(vT, 1);
    const gCi = f64x2.extract_lane(vC, 0), gCj = f64x2.extract_lane(vC, 1);
    sumT += gTi + gTj;
    sumC += gCi + gCj;
    addAt(gT, i, gTi); addAt(gC, i, gCi);
    addAt(gT, j, gTj); addAt(gC, j, gCj);
    store<f64>(r, cd, 16);
    store<f64>(r, gTi + gCi + gTj + gCj, 24);
    store<f64>(r, geo, 32);
  }
  store<f64>(par, sumT, 64);
  store<f64>(par, sumC, 72);
}

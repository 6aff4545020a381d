//! CPython's `random` module, bit for bit: the Mersenne Twister (MT19937) seeded the way
//! `random.seed(n)` seeds it for an int, and the methods computed as CPython 3.11 computes them.
//! A demo that calls `random.seed(444)` then draws the same numbers here as in Python.

use std::fmt;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// `random.Random`: one generator's state.
#[derive(Clone)]
pub struct Random {
    mt: [u32; N],
    index: usize,
}

/// The `ValueError` of `randrange(start, stop)` when `stop <= start`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyRange {
    pub start: i64,
    pub stop: i64,
}

impl fmt::Display for EmptyRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "empty range for randrange() ({}, {}, {})", self.start, self.stop, self.stop - self.start)
    }
}

impl Random {
    /// `random.Random(seed)`.
    pub fn new(seed: u64) -> Random {
        let mut random = Random { mt: [0; N], index: N };
        random.seed(seed);
        random
    }

    /// `random.seed(seed)` for a non-negative int: `init_by_array` with the int's 32-bit words,
    /// least significant first (one word `0` for zero).
    pub fn seed(&mut self, seed: u64) {
        let low = seed as u32;
        let high = (seed >> 32) as u32;
        if high == 0 {
            self.init_by_array(&[low]);
        } else {
            self.init_by_array(&[low, high]);
        }
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
    }

    fn genrand_uint32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.mt[k] & UPPER_MASK) | (self.mt[(k + 1) % N] & LOWER_MASK);
                let mag = if y & 1 == 0 { 0 } else { MATRIX_A };
                self.mt[k] = self.mt[(k + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// The 32-bit words of `getrandbits(k)`, least significant first; the last one keeps only the
    /// top bits of its draw, as CPython's C code does.
    fn getrandbits_words(&mut self, k: u32) -> Vec<u32> {
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let r = self.genrand_uint32();
            words.push(if left < 32 { r >> (32 - left) } else { r });
            left = left.saturating_sub(32);
        }
        words
    }

    /// `random.getrandbits(k)` for `k <= 64`.
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        assert!(k <= 64, "getrandbits({k}) does not fit in a u64");
        self.getrandbits_words(k).iter().rev().fold(0, |acc, &w| (acc << 32) | u64::from(w))
    }

    /// `random.random()`: 53 random bits from two draws.
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_uint32() >> 5;
        let b = self.genrand_uint32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `_randbelow_with_getrandbits(n)`: draws `n.bit_length()` bits until the value is below `n`.
    fn randbelow(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `random.randrange(start, stop)`.
    pub fn randrange(&mut self, start: i64, stop: i64) -> Result<i64, EmptyRange> {
        if stop <= start {
            return Err(EmptyRange { start, stop });
        }
        let width = stop.abs_diff(start);
        Ok(start.wrapping_add_unsigned(self.randbelow(width)))
    }

    /// `random.randint(a, b)`: `randrange(a, b + 1)`, both ends included.
    pub fn randint(&mut self, a: i64, b: i64) -> Result<i64, EmptyRange> {
        self.randrange(a, b + 1)
    }

    /// `random.randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')`.
    pub fn randbytes(&mut self, n: usize) -> Vec<u8> {
        let bits = u32::try_from(n * 8).expect("a modest number of bytes");
        let mut bytes: Vec<u8> = self.getrandbits_words(bits).iter().flat_map(|w| w.to_le_bytes()).collect();
        bytes.truncate(n);
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values printed by CPython 3.11.7, e.g.
    // python3 -c "import random; random.seed(444); print([random.randint(0, 10) for _ in range(20)])"

    fn randints(seed: u64, a: i64, b: i64, count: usize) -> Vec<i64> {
        let mut random = Random::new(seed);
        (0..count).map(|_| random.randint(a, b).unwrap()).collect()
    }

    #[test]
    fn randint_draws_what_cpython_draws() {
        let cases: &[(u64, i64, i64, &[i64])] = &[
            (444, 0, 10, &[4, 4, 0, 4, 7, 4, 4, 8, 10, 7, 8, 4, 7, 1, 6, 9, 3, 9, 7, 10]),
            (0, 0, 10, &[6, 6, 0, 4, 8, 7, 6, 4, 7, 5]),
            // Seeds of two 32-bit words.
            ((1 << 40) + 5, 0, 10, &[8, 8, 4, 10, 0, 8, 0, 2, 1, 2]),
            (u64::MAX, 0, 10, &[0, 3, 5, 9, 3]),
            (7, -5, 5, &[0, -3, 1, 5, -5, -4, 3, -4, 0, 4]),
            // A width above 2**32: randbelow draws two words.
            (7, 0, 1 << 40, &[868_231_286_071, 105_874_957_392, 208_460_025_899, 470_330_855_157]),
        ];
        for &(seed, a, b, expected) in cases {
            assert_eq!(randints(seed, a, b, expected.len()), expected, "seed {seed}, randint({a}, {b})");
        }
    }

    #[test]
    fn randrange_draws_what_cpython_draws_and_refuses_an_empty_range() {
        let mut random = Random::new(445);
        let below_3: Vec<i64> = (0..10).map(|_| random.randrange(0, 3).unwrap()).collect();
        assert_eq!(below_3, [2, 1, 0, 0, 1, 2, 1, 1, 2, 2]);
        let from_1: Vec<i64> = (0..5).map(|_| random.randrange(1, 100).unwrap()).collect();
        assert_eq!(from_1, [40, 20, 59, 99, 55]);
        let empty = random.randrange(5, 5).unwrap_err();
        assert_eq!(empty.to_string(), "empty range for randrange() (5, 5, 0)");
    }

    #[test]
    fn random_gives_cpythons_53_bit_floats() {
        let mut random = Random::new(444);
        let floats: Vec<f64> = (0..5).map(|_| random.random()).collect();
        assert_eq!(
            floats,
            [0.3088946587429545, 0.01323751590501987, 0.4844375347808497, 0.8614799253779063, 0.7426396870165088]
        );
    }

    #[test]
    fn getrandbits_keeps_the_top_bits_of_each_draw() {
        let mut random = Random::new(444);
        let bits: Vec<u64> = [1, 4, 32, 33, 40, 64].iter().map(|&k| random.getrandbits(k)).collect();
        assert_eq!(bits, [0, 4, 56_854_717, 1_327_727_452, 946_079_103_584, 13_699_284_257_632_214_754]);
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn randbytes_is_getrandbits_in_little_endian() {
        let mut random = Random::new(444);
        assert_eq!(hex(&random.randbytes(5)), "6db8134f49");
        assert_eq!(hex(&random.randbytes(5)), "bd8863034f");
        assert_eq!(hex(&Random::new(444).randbytes(7)), "6db8134f39ae49");
    }
}

//! Decimal text to the nearest `f64`, as Rust's own `f64::from_str` reads it, bit for bit.
//!
//! Why not std's: its reader is fast for any input because it links a table of 651 128-bit powers
//! of five (10.4 KB that gzip cannot shrink) for Eisel and Lemire's algorithm, and a big-decimal
//! fallback for the rest: 12.6 KiB of the first load's gzip, for the few numbers a person types
//! into a field or a link holds. This is the fallback alone: Nigel Tao's "simple decimal
//! conversion", as std's `dec2flt::slow` does it. It is exact for any input: the decimal is kept
//! to 800 significant digits, and a non-zero digit beyond them only marks it as truncated, which
//! is all rounding needs (a tie between two doubles has at most 767 significant digits). Each
//! shift by a power of two is a pass over the digits: slow next to std's, but a field's number is
//! read in microseconds. The tests hold it to std's own result.
/// Significant digits kept; more than any tie between two doubles needs (767).
const MAX_DIGITS: usize = 800;
/// How far a shift by a power of two can go while the decimal point is `n` places from the
/// digits: the largest shift that moves the point by at most `n` (std's table).
const SHIFTS: [u8; 19] = [0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59];
/// The largest shift one pass can do: 10 × 2^60 still fits in a u64.
const MAX_SHIFT: usize = 60;
/// Past this the value is 0 or infinite whatever its digits.
const DECIMAL_POINT_RANGE: i32 = 2047;

/// 0.d₁d₂…dₙ × 10^point, with digits beyond the kept ones only remembered as `truncated`.
struct Decimal {
    digits: [u8; MAX_DIGITS],
    len: usize,
    point: i32,
    /// A non-zero digit was dropped: the value is a little more than its digits say.
    truncated: bool,
}

impl Decimal {
    /// Drops trailing zeros.
    fn trim(&mut self) {
        while self.len > 0 && self.digits[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    fn shift_for(n: i32) -> usize {
        SHIFTS.get(n as usize).map_or(MAX_SHIFT, |&s| s as usize)
    }

    /// Multiplies by 2^shift: from the last digit up, into a buffer with room for the digits the
    /// carry adds in front.
    fn left_shift(&mut self, shift: usize) {
        if self.len == 0 {
            return;
        }
        let mut out = [0u8; MAX_DIGITS + 20];
        let mut write = out.len();
        let mut n: u64 = 0;
        for &digit in self.digits[..self.len].iter().rev() {
            n += (digit as u64) << shift;
            write -= 1;
            out[write] = (n % 10) as u8;
            n /= 10;
        }
        while n > 0 {
            write -= 1;
            out[write] = (n % 10) as u8;
            n /= 10;
        }
        let produced = &out[write..];
        self.point += (produced.len() - self.len) as i32;
        let kept = produced.len().min(MAX_DIGITS);
        if produced[kept..].iter().any(|&d| d != 0) {
            self.truncated = true;
        }
        self.digits[..kept].copy_from_slice(&produced[..kept]);
        self.len = kept;
        self.trim();
    }

    /// Divides by 2^shift, long division from the first digit.
    fn right_shift(&mut self, shift: usize) {
        let mut read = 0;
        let mut write = 0;
        let mut n: u64 = 0;
        while n >> shift == 0 {
            if read < self.len {
                n = 10 * n + self.digits[read] as u64;
                read += 1;
            } else if n == 0 {
                return;
            } else {
                while n >> shift == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
        }
        self.point -= read as i32 - 1;
        if self.point < -DECIMAL_POINT_RANGE {
            self.len = 0;
            self.point = 0;
            self.truncated = false;
            return;
        }
        let mask = (1u64 << shift) - 1;
        while read < self.len {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask) + self.digits[read] as u64;
            read += 1;
            self.digits[write] = digit;
            write += 1;
        }
        while n > 0 {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask);
            if write < MAX_DIGITS {
                self.digits[write] = digit;
                write += 1;
            } else if digit > 0 {
                self.truncated = true;
            }
        }
        self.len = write;
        self.trim();
    }

    /// The integer part, rounded half to even (a tie is not a tie if digits were dropped).
    fn round(&self) -> u64 {
        if self.len == 0 || self.point < 0 {
            return 0;
        }
        if self.point > 18 {
            return u64::MAX;
        }
        let point = self.point as usize;
        let mut n = 0u64;
        for i in 0..point {
            n = 10 * n + if i < self.len { self.digits[i] as u64 } else { 0 };
        }
        let mut up = false;
        if point < self.len {
            up = self.digits[point] >= 5;
            if self.digits[point] == 5 && point + 1 == self.len {
                up = self.truncated || (point > 0 && self.digits[point - 1] % 2 == 1);
            }
        }
        n + up as u64
    }
}

/// Reads a decimal number as Rust's `f64::from_str` reads it — an optional sign, digits with at
/// most one point (at least one digit), an optional exponent — to the same nearest double.
/// `inf` and `nan` are not numbers here.
pub fn read(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let mut d = Decimal { digits: [0; MAX_DIGITS], len: 0, point: 0, truncated: false };
    let mut any_digit = false;
    let mut seen_point = false;
    while let Some((&b, tail)) = rest.split_first() {
        match b {
            b'0'..=b'9' => {
                any_digit = true;
                if d.len == 0 && b == b'0' {
                    if seen_point {
                        d.point -= 1;
                    }
                } else {
                    if d.len < MAX_DIGITS {
                        d.digits[d.len] = b - b'0';
                        d.len += 1;
                    } else if b != b'0' {
                        d.truncated = true;
                    }
                    if !seen_point {
                        d.point += 1;
                    }
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        rest = tail;
    }
    if !any_digit {
        return None;
    }
    if let Some((&(b'e' | b'E'), tail)) = rest.split_first() {
        let (sign, mut tail) = match tail.first() {
            Some(b'-') => (-1, &tail[1..]),
            Some(b'+') => (1, &tail[1..]),
            _ => (1, tail),
        };
        if tail.is_empty() {
            return None;
        }
        let mut exponent: i32 = 0;
        while let Some((&b, more)) = tail.split_first() {
            if !b.is_ascii_digit() {
                return None;
            }
            exponent = (exponent * 10 + (b - b'0') as i32).min(0x10000);
            tail = more;
        }
        d.point = d.point.saturating_add(sign * exponent);
        rest = tail;
    }
    if !rest.is_empty() {
        return None;
    }
    d.trim();
    let magnitude = to_f64(d);
    Some(if negative { -magnitude } else { magnitude })
}

/// Shifts the decimal into [1/2, 1) counting powers of two, then takes 53 bits of it, rounded.
fn to_f64(mut d: Decimal) -> f64 {
    const MIN_EXP: i32 = -1022;
    const MANTISSA_BITS: usize = 52;
    const INFINITE: i32 = 0x7FF;
    if d.len == 0 || d.point < -324 {
        return 0.0;
    }
    if d.point >= 310 {
        return f64::INFINITY;
    }
    let mut exp2 = 0i32;
    while d.point > 0 {
        let shift = Decimal::shift_for(d.point);
        d.right_shift(shift);
        if d.point < -DECIMAL_POINT_RANGE {
            return 0.0;
        }
        exp2 += shift as i32;
    }
    while d.point <= 0 {
        let shift = if d.point == 0 {
            match d.digits[0] {
                5.. => break,
                0 | 1 => 2,
                _ => 1,
            }
        } else {
            Decimal::shift_for(-d.point)
        };
        d.left_shift(shift);
        if d.point > DECIMAL_POINT_RANGE {
            return f64::INFINITY;
        }
        exp2 -= shift as i32;
    }
    exp2 -= 1;
    while MIN_EXP > exp2 {
        let n = ((MIN_EXP - exp2) as usize).min(MAX_SHIFT);
        d.right_shift(n);
        exp2 += n as i32;
    }
    if exp2 - MIN_EXP + 1 >= INFINITE {
        return f64::INFINITY;
    }
    d.left_shift(MANTISSA_BITS + 1);
    let mut mantissa = d.round();
    if mantissa >= 1 << (MANTISSA_BITS + 1) {
        d.right_shift(1);
        exp2 += 1;
        mantissa = d.round();
        if exp2 - MIN_EXP + 1 >= INFINITE {
            return f64::INFINITY;
        }
    }
    let mut biased = exp2 - MIN_EXP + 1;
    if mantissa < 1 << MANTISSA_BITS {
        biased -= 1;
    }
    mantissa &= (1 << MANTISSA_BITS) - 1;
    f64::from_bits(mantissa | (biased as u64) << MANTISSA_BITS)
}

#[cfg(test)]
mod tests {
    use super::read;

    fn assert_as_std(text: &str) {
        let ours = read(text).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{}", &text[..text.len().min(80)]);
    }

    /// Every string of up to 6 characters from digits, points, signs and exponents: the grammar
    /// (what is refused) and the values of short numbers.
    #[test]
    fn every_short_string_reads_as_std_reads_it() {
        const ALPHABET: &[u8] = b"0159.-+eE";
        let mut text = Vec::new();
        for len in 0..=6u32 {
            for mut i in 0..ALPHABET.len().pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(ALPHABET[i % ALPHABET.len()]);
                    i /= ALPHABET.len();
                }
                assert_as_std(std::str::from_utf8(&text).unwrap());
            }
        }
        // std also reads these words; a field refuses them by name before it reads a number.
        for word in ["inf", "nan", "infinity", "-inf"] {
            assert_eq!(read(word), None);
        }
    }

    /// xorshift: the same numbers on every run.
    fn random(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn random_decimals_read_as_std_reads_them() {
        let mut state = 0x1234_5678;
        for _ in 0..100_000 {
            let digits = 1 + random(&mut state) % 40;
            let mut text: String = (0..digits).map(|_| char::from(b'0' + (random(&mut state) % 10) as u8)).collect();
            text.insert((random(&mut state) % (digits + 1)) as usize, '.');
            if random(&mut state) % 2 == 0 {
                text += &format!("e{}", (random(&mut state) % 700) as i64 - 350);
            }
            assert_as_std(&text);
        }
    }

    /// The exact decimal of m × 2^e: the digits and how many of them are before the point.
    fn exact(m: u64, e: i32) -> (Vec<u8>, usize) {
        let mut digits: Vec<u8> = m.to_string().bytes().map(|b| b - b'0').collect();
        let times = |digits: &mut Vec<u8>, k: u8| {
            let mut carry = 0;
            for digit in digits.iter_mut().rev() {
                let n = *digit * k + carry;
                (*digit, carry) = (n % 10, n / 10);
            }
            if carry > 0 {
                digits.insert(0, carry);
            }
        };
        if e >= 0 {
            (0..e).for_each(|_| times(&mut digits, 2));
            let len = digits.len();
            (digits, len)
        } else {
            // m × 2^e = m × 5^-e / 10^-e
            (0..-e).for_each(|_| times(&mut digits, 5));
            let point = digits.len() as i32 + e;
            if point < 0 {
                digits.splice(0..0, std::iter::repeat_n(0, -point as usize));
            }
            let point = point.max(0) as usize;
            (digits, point)
        }
    }

    fn text(digits: &[u8], point: usize, tail: &str) -> String {
        let mut text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        text.insert(point, '.');
        text + tail
    }

    /// The hard cases: the exact midpoint between two neighbouring doubles (a tie, to even), and
    /// numbers just above and just below it, some longer than the 800 digits kept; subnormals, the
    /// largest doubles and the values a field takes (0–10,000) among them.
    #[test]
    fn ties_between_doubles_and_their_neighbours_round_as_std_rounds_them() {
        let mut state = 0x0bad_cafe;
        for round in 0..800u64 {
            let bits = match round % 4 {
                0 => random(&mut state) & ((1 << 52) - 1),
                1 => (0x7fe << 52) | random(&mut state) & ((1 << 52) - 1),
                2 => ((random(&mut state) % 10_000_000) as f64 / 7_000.0).to_bits(),
                _ => random(&mut state) & !(1 << 63),
            }
            .min(f64::MAX.to_bits());
            let (fraction, exponent) = (bits & ((1 << 52) - 1), (bits >> 52) as i32);
            // d = m × 2^e; the midpoint to the next double is (2m + 1) × 2^(e - 1).
            let (m, e) = if exponent == 0 { (fraction, -1074) } else { (fraction | 1 << 52, exponent - 1075) };
            let (digits, point) = exact(2 * m + 1, e - 1);
            assert_as_std(&text(&digits, point, ""));
            assert_as_std(&text(&digits, point, "0000000000001"));
            assert_as_std(&text(&digits, point, &format!("{}1", "0".repeat(900))));
            // Just below: one less in the last place, then nines.
            let mut below = digits.clone();
            for digit in below.iter_mut().rev() {
                if *digit > 0 {
                    *digit -= 1;
                    break;
                }
                *digit = 9;
            }
            assert_as_std(&text(&below, point, "99999999"));
            assert_as_std(&text(&below, point, &"9".repeat(900)));
        }
    }

    #[test]
    fn extremes_read_as_std_reads_them() {
        let long_zeros = format!("0.{}1", "0".repeat(5_000));
        let many_nines = "9".repeat(2_000);
        let huge = format!("1{}", "0".repeat(308));
        let leading = format!("{}1.5", "0".repeat(3_000));
        for text in [
            "1e99999999",
            "1e-99999999",
            "0e99999",
            "-0",
            "-0.0e5",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9406564584124654e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "156352706177747779584.000",
            "8.6e-23",
            &long_zeros,
            &many_nines,
            &huge,
            &leading,
        ] {
            assert_as_std(text);
        }
    }
}

//! A decimal number as typed in a field or found in a URL (`1.5`, `.5`, `2.`, `+3`, `1e-3`),
//! read to the nearest f64 (ties to even): the value Python reads from the same literal.
//!
//! Not `str::parse::<f64>`: std's parser is exact for any length of input, and for that it carries
//! a table of 651 128-bit powers of five that gzip cannot shrink. It cost the first load 12.6 KiB
//! gzip (code and table, `scripts/bench size`). A parameter here needs far less: this reads
//! exactly every number below 10^19 of at most 19 significant digits and 30 decimal places, which
//! takes in every f64 the page writes in a URL (at most 17 digits, and no field goes past
//! 100,000; `ParamSpec::check` refuses a value that would not read back). It refuses a number with
//! more digits as too precise, rather than round it twice.

use super::params::ParamError;

/// More significant digits than this are refused: the digits are read into a u64.
pub const MAX_DIGITS: usize = 19;
/// More decimal places than this are refused: 5 to this power must leave the quotient 56 bits.
pub const MAX_PLACES: u32 = 30;

/// Reads `raw`, already trimmed: an optional sign, digits with at most one point (at least one
/// digit), an optional exponent (`e` or `E`, an optional sign, digits).
pub fn parse(raw: &str) -> Result<f64, ParamError> {
    let (negative, unsigned) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_only = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits_only(whole) || !digits_only(fraction) {
        return Err(ParamError::NotANumber);
    }
    let exponent = match exponent {
        None => 0,
        Some(exponent) => {
            let (sign, digits) = match exponent.as_bytes().first() {
                Some(b'-') => (-1, &exponent[1..]),
                Some(b'+') => (1, &exponent[1..]),
                _ => (1, exponent),
            };
            if digits.is_empty() || !digits_only(digits) {
                return Err(ParamError::NotANumber);
            }
            // Saturated: 1e99999999999 is as infinite as 1e400.
            sign * digits.bytes().fold(0i64, |e, b| (e * 10 + i64::from(b - b'0')).min(1_000_000))
        }
    };
    // The value is `digits × 10^scale`, once the zeros before and after the digits that count
    // are taken off.
    let all = whole.as_bytes().iter().chain(fraction.as_bytes()).map(|b| b - b'0');
    let mut digits: Vec<u8> = all.skip_while(|&d| d == 0).collect();
    let mut scale = exponent - fraction.len() as i64;
    while digits.last() == Some(&0) {
        digits.pop();
        scale += 1;
    }
    if digits.is_empty() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    if digits.len() > MAX_DIGITS || scale < -i64::from(MAX_PLACES) {
        return Err(ParamError::TooPrecise);
    }
    let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d));
    let magnitude = match u32::try_from(scale) {
        // m × 10^scale is exact in a u128; converting it to f64 rounds once, to nearest.
        Ok(scale) if scale <= 19 => (u128::from(m) * 10u128.pow(scale)) as f64,
        // At least 1e19, above every field's maximum (or infinite): refused as that, so one
        // rounding or two makes no difference.
        Ok(scale) => m as f64 * 10f64.powi(scale.min(400) as i32),
        Err(_) => quotient(m, (-scale) as u32),
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// `m / 10^k` to the nearest f64, for `k ≤ MAX_PLACES`. As `m / 5^k × 2^-k`: `m` is shifted up
/// to 127 bits and divided by `5^k` (at most 2^70) in integers, so the quotient keeps at least 56
/// bits, three more than an f64's 53. A remainder is then a sticky bit below them, and the
/// conversion to f64 rounds as the exact quotient would. Scaling by a power of two is exact.
fn quotient(m: u64, k: u32) -> f64 {
    let shift = m.leading_zeros() + 63;
    let n = u128::from(m) << shift;
    let five = 5u128.pow(k);
    let (q, r) = (n / five, n % five);
    let scaled = (q | u128::from(r != 0)) as f64;
    // 2^-(shift + k): at most 2^-156, a normal f64, built from its bits.
    scaled * f64::from_bits(u64::from(1023 - shift - k) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What std's exact parser gives, bit for bit.
    fn same_as_std(raw: &str) {
        let expected: f64 = raw.parse().unwrap();
        let got = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
        assert_eq!(got.to_bits(), expected.to_bits(), "{raw}: {got:e} for {expected:e}");
    }

    #[test]
    fn reads_what_people_type_as_std_does() {
        for raw in [
            "0",
            "-0",
            "+0",
            "1",
            "1.5",
            ".5",
            "2.",
            "+3",
            "-2.25",
            "0.1",
            "0.2",
            "0.3",
            "1e5",
            "1E5",
            "1e-3",
            "2.5e+2",
            "00012.3400",
            "100000",
            "0.30000000000000004",
        ] {
            same_as_std(raw);
        }
        // 2^53 + 1 is halfway between two f64s: ties go to the even one, as std's.
        same_as_std("9007199254740993");
        same_as_std("9007199254740995");
        // Every digit and place allowed.
        same_as_std("1234567890123456789");
        same_as_std("0.000000000001234567890123456789");
        same_as_std("1e-30");
        same_as_std("1844674407370955161");
    }

    #[test]
    fn reads_random_decimals_in_its_range_as_std_does() {
        // xorshift64*: the same numbers on every run, no dependency.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        for _ in 0..200_000 {
            let digits = 1 + (next() % MAX_DIGITS as u64) as usize;
            let text: String = (0..digits).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            let point = (next() % (digits as u64 + 1)) as usize;
            let exponent = (next() % 40) as i64 - 20;
            let raw = format!("{}.{}e{exponent}", &text[..point], &text[point..]);
            let places = (digits - point) as i64 - exponent;
            if places <= i64::from(MAX_PLACES) && raw.parse::<f64>().unwrap() < 1e19 {
                same_as_std(&raw);
            }
        }
    }

    #[test]
    fn every_f64_the_page_writes_reads_back() {
        let mut bits = 0x3F1A_36E2_EB1C_432Du64; // 1e-4
        for _ in 0..100_000 {
            bits = bits.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            // From 1e-9 to 1e5: every value a field can take that is not too small to write.
            let value = 1e-9 + (bits >> 11) as f64 / (1u64 << 53) as f64 * 1e5;
            let written = format!("{value}");
            assert_eq!(parse(&written), Ok(value), "{written}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal_or_too_precise() {
        for raw in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "--1", "1-", "1e5.5", "1 2", "0x1", "１"] {
            assert_eq!(parse(raw), Err(ParamError::NotANumber), "{raw:?}");
        }
        for raw in ["12345678901234567891", "1e-31", "0.0000000000000000000000000000001", "1.5e-30"] {
            assert_eq!(parse(raw), Err(ParamError::TooPrecise), "{raw:?}");
        }
        // Zeros around the digits that count are not digits of their own.
        assert_eq!(parse("1234567890123456789000000"), Ok(1234567890123456789000000.0));
        assert_eq!(parse("0.00000000000000000000000000000000"), Ok(0.0));
        assert_eq!(parse("1e400"), Ok(f64::INFINITY));
        assert_eq!(parse("-1e99999999999999999999"), Ok(f64::NEG_INFINITY));
    }
}

//! Python's `repr()` of the values scenarios print inside containers and task reprs.

pub trait PyRepr {
    fn py_repr(&self) -> String;
}

impl PyRepr for i64 {
    fn py_repr(&self) -> String {
        self.to_string()
    }
}

impl PyRepr for f64 {
    fn py_repr(&self) -> String {
        py_float(*self)
    }
}

impl PyRepr for String {
    fn py_repr(&self) -> String {
        py_str(self)
    }
}

impl PyRepr for &str {
    fn py_repr(&self) -> String {
        py_str(self)
    }
}

impl PyRepr for () {
    fn py_repr(&self) -> String {
        "None".to_owned()
    }
}

impl PyRepr for bool {
    fn py_repr(&self) -> String {
        if *self { "True" } else { "False" }.to_owned()
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn py_repr(&self) -> String {
        format!("[{}]", self.iter().map(PyRepr::py_repr).collect::<Vec<_>>().join(", "))
    }
}

/// `repr(float)`: shortest round-trip digits, always with a `.0` or an exponent, as Python writes.
pub fn py_float(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        // Python: 1e-05, 1.5e+16.
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').expect("{:e} has an exponent");
        let exponent: i32 = exponent.parse().expect("a number");
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exponent.abs());
    }
    let text = format!("{value}");
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

/// `format(value, 'g')` (`f"{x:g}"`): six significant digits, no trailing zeros, so that `3` and
/// `3.0` both print as `3`.
/// `str()` of a number a learner typed into an article's code: a whole value was written as an
/// `int` (`2`), any other as a `float` (`1.5`). `Params::in_python` writes a value into the code
/// with this too, so the literal and what the twin prints are one rule.
pub fn py_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        py_float(value)
    }
}

pub fn py_format_g(value: f64) -> String {
    if !value.is_finite() {
        return py_float(value);
    }
    let scientific = format!("{value:.5e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("{:e} has an exponent");
    let exponent: i32 = exponent.parse().expect("a number");
    if (-4..6).contains(&exponent) {
        trim_zeros(&format!("{value:.*}", (5 - exponent) as usize)).to_owned()
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim_zeros(mantissa), exponent.abs())
    }
}

/// `1.50000` gives `1.5`, `3.00000` gives `3`.
fn trim_zeros(digits: &str) -> &str {
    if digits.contains('.') {
        digits.trim_end_matches('0').trim_end_matches('.')
    } else {
        digits
    }
}

/// `repr(str)` for the plain strings scenarios use: single quotes unless the text has one.
pub fn py_str(text: &str) -> String {
    if text.contains('\'') && !text.contains('"') {
        format!("\"{text}\"")
    } else {
        format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python_prints_them() {
        let cases = [
            (3.0, "3.0"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (13.5, "13.5"),
            (-2.0, "-2.0"),
            (1e-5, "1e-05"),
            (1.5e16, "1.5e+16"),
            (123456789.0, "123456789.0"),
            (0.0001, "0.0001"),
        ];
        for (value, expected) in cases {
            assert_eq!(py_float(value), expected, "{value}");
        }
    }

    #[test]
    fn g_format_prints_as_python_prints_it() {
        let cases = [
            (3.0, "3"),
            (1.75, "1.75"),
            (0.1, "0.1"),
            (0.0, "0"),
            (-0.0, "-0"),
            (-2.5, "-2.5"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (100000.0, "100000"),
            (999999.5, "1e+06"),
            (1234567.0, "1.23457e+06"),
            (1.23456789, "1.23457"),
            (0.30000000000000004, "0.3"),
        ];
        for (value, expected) in cases {
            assert_eq!(py_format_g(value), expected, "{value}");
        }
    }

    #[test]
    fn strings_and_lists_print_as_python_prints_them() {
        assert_eq!("hello".py_repr(), "'hello'");
        assert_eq!("it's".py_repr(), "\"it's\"");
        assert_eq!(vec![1i64, 2].py_repr(), "[1, 2]");
        assert_eq!(().py_repr(), "None");
    }
}

//! Python exceptions as Rust values: an `await` that Python would raise from returns `Err`.

use std::borrow::Cow;
use std::fmt;

/// An exception in flight. `?` propagates it the way Python unwinds.
#[derive(Clone, Debug, PartialEq)]
pub enum PyErr {
    /// `asyncio.CancelledError`, raised at the `await` where a cancelled task was suspended.
    Cancelled,
    /// Any other exception. Boxed: every future holds a `PyResult` and nearly all end `Ok` or
    /// cancelled, so a sleeping task's futures do not carry room for a name and a message.
    Raised(Box<Raised>),
}

/// An exception other than cancellation: its type's name and its message.
#[derive(Clone, Debug, PartialEq)]
pub struct Raised {
    pub kind: Cow<'static, str>,
    pub message: String,
}

pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        PyErr::Raised(Box::new(Raised { kind: Cow::Borrowed(kind), message: message.into() }))
    }

    pub fn runtime_error(message: impl Into<String>) -> Self {
        Self::new("RuntimeError", message)
    }

    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new("TypeError", message)
    }

    pub fn timeout_error() -> Self {
        Self::new("TimeoutError", "")
    }

    pub fn is_cancelled(&self) -> bool {
        matches!(self, PyErr::Cancelled)
    }

    /// `repr()` of the exception object, as `print(exc)` inside a list shows it.
    pub fn repr(&self) -> String {
        match self {
            PyErr::Cancelled => "CancelledError()".to_owned(),
            PyErr::Raised(e) if e.message.is_empty() => format!("{}()", e.kind),
            PyErr::Raised(e) => format!("{}('{}')", e.kind, e.message),
        }
    }
}

/// The last line of Python's traceback for this exception.
impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyErr::Cancelled => f.write_str("asyncio.exceptions.CancelledError"),
            PyErr::Raised(e) if e.message.is_empty() => f.write_str(&e.kind),
            PyErr::Raised(e) => write!(f, "{}: {}", e.kind, e.message),
        }
    }
}

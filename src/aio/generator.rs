//! Async generators (`async def … yield`) and async context managers (`async with`).
//!
//! A generator's body runs inside the consumer's task, only when the consumer asks for the next
//! item, exactly as `async for` drives `__anext__`: no task and no loop iteration of its own.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::error::{PyErr, PyResult};
use super::event_loop::LocalBoxFuture;

/// What a generator's body uses to `yield`.
pub struct Yielder<T> {
    slot: Rc<RefCell<Option<T>>>,
}

impl<T> Yielder<T> {
    /// `yield value`: hands the value to the consumer and pauses until it asks for the next one.
    pub fn yield_(&self, value: T) -> impl Future<Output = ()> {
        *self.slot.borrow_mut() = Some(value);
        YieldOnce { yielded: false }
    }
}

/// Pending exactly once, without waking anyone: the consumer takes the value and returns.
struct YieldOnce {
    yielded: bool,
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            Poll::Pending
        }
    }
}

/// An async generator object.
pub struct AsyncGenerator<T> {
    slot: Rc<RefCell<Option<T>>>,
    body: Option<LocalBoxFuture<PyResult<()>>>,
}

impl<T: 'static> AsyncGenerator<T> {
    /// Makes the generator; like calling an `async def` with `yield`, nothing runs yet.
    pub fn new<Body, Fut>(body: Body) -> Self
    where
        Body: FnOnce(Yielder<T>) -> Fut,
        Fut: Future<Output = PyResult<()>> + 'static,
    {
        let slot = Rc::new(RefCell::new(None));
        let body = body(Yielder { slot: slot.clone() });
        AsyncGenerator { slot, body: Some(Box::pin(body)) }
    }

    /// `await anext(gen)`: the next item, `None` once the generator returns (StopAsyncIteration),
    /// or the exception it raised.
    pub async fn next(&mut self) -> Option<PyResult<T>> {
        futures::StreamExt::next(self).await
    }
}

/// `async for item in gen`, as a `futures::Stream`: each item is `Ok`, or the exception the
/// generator raised, after which the stream ends.
impl<T: 'static> futures::Stream for AsyncGenerator<T> {
    type Item = PyResult<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<PyResult<T>>> {
        let this = self.get_mut();
        let Some(body) = this.body.as_mut() else { return Poll::Ready(None) };
        match body.as_mut().poll(cx) {
            Poll::Ready(Ok(())) => {
                this.body = None;
                Poll::Ready(None)
            }
            Poll::Ready(Err(err)) => {
                this.body = None;
                Poll::Ready(Some(Err(err)))
            }
            Poll::Pending => match this.slot.borrow_mut().take() {
                Some(value) => Poll::Ready(Some(Ok(value))),
                None => Poll::Pending,
            },
        }
    }
}

/// An object usable in `async with`: `__aenter__` and `__aexit__`.
// Single-threaded by design: nothing here is ever sent to another thread, so no `Send` bounds.
#[allow(async_fn_in_trait)]
pub trait AsyncContextManager {
    type Value;
    async fn aenter(&mut self) -> PyResult<Self::Value>;
    /// Runs when the block ends, with the exception if it raised one (which then propagates).
    async fn aexit(&mut self, error: Option<&PyErr>) -> PyResult<()>;
}

/// `async with cm as value: body(value)`: exit is awaited on the way out, also on error.
pub async fn async_with<C, R, Body, Fut>(mut cm: C, body: Body) -> PyResult<R>
where
    C: AsyncContextManager,
    Body: FnOnce(C::Value) -> Fut,
    Fut: Future<Output = PyResult<R>>,
{
    let value = cm.aenter().await?;
    let outcome = body(value).await;
    cm.aexit(outcome.as_ref().err()).await?;
    outcome
}

//! The virtual clock: time jumps to the next deadline as soon as nothing is ready, so a run
//! takes no real time and gives the ideal timeline — CPython's order with no timer lateness.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::event_loop::{drive, Host, LocalBoxFuture, Program};
use crate::trace::{RunOutcome, Speed};

pub struct VirtualClock {
    now: Cell<f64>,
    /// Tutorial seconds per real second, only to fill in the `ms` the real run would show.
    speed: f64,
    wall_start: f64,
    /// Whether the run's trace keeps each turn of the loop (the loop inspector's runs).
    inspects: bool,
}

impl VirtualClock {
    pub fn new(speed: f64, wall_start: f64) -> Self {
        VirtualClock { now: Cell::new(0.0), speed, wall_start, inspects: false }
    }
}

impl Host for VirtualClock {
    fn tutorial_now(&self) -> f64 {
        self.now.get()
    }

    fn now_ms(&self) -> f64 {
        Speed(self.speed).ms(self.now.get())
    }

    fn sleep_until(&self, t: f64) -> LocalBoxFuture<()> {
        self.now.set(self.now.get().max(t));
        Box::pin(std::future::ready(()))
    }

    fn block(&self, seconds: f64) {
        self.now.set(self.now.get() + seconds);
    }

    fn wall_start(&self) -> f64 {
        self.wall_start
    }

    fn breather(&self) -> Option<LocalBoxFuture<()>> {
        None
    }

    fn inspects(&self) -> bool {
        self.inspects
    }
}

/// Runs a program on the virtual clock, to the end, now.
pub fn run_virtual(program: Program, speed: f64, wall_start: f64) -> RunOutcome {
    run_on(VirtualClock::new(speed, wall_start), program)
}

/// `run_virtual`, with the loop's bookkeeping at each turn in the trace ([`crate::trace::Turn`]).
pub fn run_inspected(program: Program, speed: f64, wall_start: f64) -> RunOutcome {
    run_on(VirtualClock { inspects: true, ..VirtualClock::new(speed, wall_start) }, program)
}

fn run_on(clock: VirtualClock, program: Program) -> RunOutcome {
    let clock = Rc::new(clock);
    let mut run = std::pin::pin!(drive(clock, program, Rc::new(|_: &crate::trace::Event| {})));
    match run.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(outcome) => outcome,
        // Every wait on the virtual clock is immediately over, so the driver never suspends.
        Poll::Pending => unreachable!("a virtual run never waits on anything outside itself"),
    }
}

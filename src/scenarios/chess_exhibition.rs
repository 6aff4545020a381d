//! `chess_exhibition`: the tutorial's chess master, who plays 24 opponents one game after another
//! (12 hours) or walks from board to board while each opponent thinks (about 1 hour).
//!
//! A model of the tutorial's arithmetic: the master's move is `time.sleep` (he is busy; the loop
//! serves no one else), the opponent's reply is `asyncio.sleep` (the master may move on).

use std::future::Future;

use crate::aio::{gather, print, run, sleep, time, time_sleep, Program, PyResult};
use crate::lesson::params::{ParamSpec, Params, Unit};
use crate::lesson::{Programs, Scenario, Topic, Variant};
use crate::t;

const OPPONENTS: ParamSpec = ParamSpec {
    name: "opponents",
    label: t!("对手人数", "Opponents"),
    unit: Unit::Count,
    default: 24.0,
    min: 1.0,
    max: 50.0,
    step: 1.0,
};

const MASTER_MOVE: ParamSpec = ParamSpec {
    name: "master_move",
    label: t!("大师走一步", "Master's move"),
    unit: Unit::Seconds,
    default: 5.0,
    min: 0.0,
    max: 60.0,
    step: 1.0,
};

const OPPONENT_MOVE: ParamSpec = ParamSpec {
    name: "opponent_move",
    label: t!("对手走一步", "Opponent's move"),
    unit: Unit::Seconds,
    default: 55.0,
    min: 0.0,
    max: 120.0,
    step: 1.0,
};

const ROUNDS: ParamSpec = ParamSpec {
    name: "rounds",
    label: t!("每局回合数", "Rounds per game"),
    unit: Unit::Count,
    default: 30.0,
    min: 1.0,
    max: 100.0,
    step: 1.0,
};

/// The exhibition's numbers, module-level constants in the Python.
#[derive(Clone, Copy)]
struct Exhibition {
    opponents: i64,
    master_move: f64,
    opponent_move: f64,
    rounds: i64,
}

impl Exhibition {
    fn from_params(p: &Params) -> Self {
        Exhibition {
            opponents: p.get(&OPPONENTS) as i64,
            master_move: p.get(&MASTER_MOVE),
            opponent_move: p.get(&OPPONENT_MOVE),
            rounds: p.get(&ROUNDS) as i64,
        }
    }
}

async fn game(ex: Exhibition, board: i64) -> PyResult<()> {
    for _ in 0..ex.rounds {
        time_sleep(ex.master_move);
        sleep(ex.opponent_move).await?;
    }
    print(format!("第 {board} 局结束"));
    Ok(())
}

/// The script around `asyncio.run(main())`: it times the whole exhibition.
fn timed(main: impl Future<Output = PyResult<()>> + 'static) -> Program {
    Box::pin(async move {
        let start = time();
        run(main).await?;
        let elapsed = time() - start;
        print(format!("总耗时 {elapsed:.0} 秒，约 {:.1} 小时", elapsed / 3600.0));
        Ok(())
    })
}

/// `one-by-one.py`: its `main()`.
mod one_by_one {
    use super::*;

    pub(super) async fn main(ex: Exhibition) -> PyResult<()> {
        for board in 1..=ex.opponents {
            game(ex, board).await?;
        }
        Ok(())
    }
}

/// `simultaneous.py`: its `main()`.
mod simultaneous {
    use super::*;

    pub(super) async fn main(ex: Exhibition) -> PyResult<()> {
        gather((1..=ex.opponents).map(|board| game(ex, board)).collect())?.await?;
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "chess-exhibition",
    topic: Topic::TasksAndGather,
    title: t!("国际象棋车轮战：一局一局下与同时下", "Chess exhibition: one game at a time vs all at once"),
    notice: notice!("chess-exhibition"),
    lesson: t!("asyncio 教程 · Async IO 是什么", "asyncio tutorial · What async IO is"),
    params: &[OPPONENTS, MASTER_MOVE, OPPONENT_MOVE, ROUNDS],
    variants: &[
        Variant {
            name: "one-by-one",
            label: t!("一局一局下", "one game at a time"),
            python: python!("chess-exhibition/one-by-one.py"),
            literals: &[],
            ours: true,
        },
        Variant {
            name: "simultaneous",
            label: t!("同时下（gather）", "all at once (gather)"),
            python: python!("chess-exhibition/simultaneous.py"),
            literals: &[],
            ours: true,
        },
    ],
    default_speed: 10_000.0,
    rust_source: rust_file!("chess_exhibition.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| timed(one_by_one::main(Exhibition::from_params(p))),
    |p| timed(simultaneous::main(Exhibition::from_params(p))),
];

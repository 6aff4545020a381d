//! The app, and its split points: each part of the page a first load does not draw
//! (`web::parts::Part`) is behind a `#[wasm_split]` function here. scripts/split cuts the wasm at
//! them, so that each part's code is in a chunk of its own, fetched the first time it is drawn.
//! They are in the bin, not the library, because the to_thread worker (`bin/thread-worker.rs`) is
//! built from the same library and must not carry them.

use coroutine_playground::app::lazy::views;
use coroutine_playground::web::parts::{Loading, Part, View};
use wasm_split_helpers::{wasm_split, SplitLoaderError};

fn main() {
    coroutine_playground::start(load);
}

/// `load`, and for each part a split point of its own name, which gives its view: a split point
/// that named another part's view would bring that part's code into its chunk.
macro_rules! split_points {
    ($($part:ident: $name:ident),* $(,)?) => {
        fn load(part: Part) -> Loading {
            match part {
                $(Part::$part => Box::pin($name()),)*
            }
        }

        $(
            #[wasm_split($name, fallible)]
            fn $name() -> Result<View, SplitLoaderError> {
                Ok(views::$name)
            }
        )*
    };
}

split_points! {
    Inspector: inspector,
    Predict: predict,
    EmbedCode: embed_code,
    Editor: editor,
}

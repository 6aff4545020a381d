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

fn load(part: Part) -> Loading {
    match part {
        Part::Inspector => Box::pin(inspector()),
        Part::Predict => Box::pin(predict()),
        Part::EmbedCode => Box::pin(embed_code()),
        Part::Editor => Box::pin(editor()),
    }
}

#[wasm_split(inspector, fallible)]
fn inspector() -> Result<View, SplitLoaderError> {
    Ok(views::inspector)
}

#[wasm_split(predict, fallible)]
fn predict() -> Result<View, SplitLoaderError> {
    Ok(views::predict)
}

#[wasm_split(embed_code, fallible)]
fn embed_code() -> Result<View, SplitLoaderError> {
    Ok(views::embed_code)
}

#[wasm_split(editor, fallible)]
fn editor() -> Result<View, SplitLoaderError> {
    Ok(views::editor)
}

//! Links the app's wasm with its relocations kept: scripts/split reads them to cut it at its split
//! points (src/main.rs). Only the app: the to_thread worker and the tests are not split.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=coroutine-playground=--emit-relocs");
    }
}

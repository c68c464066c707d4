//! A release build for the browser is a split bundle: the user list loads
//! first, the other screens and the list's dialogs when they are needed
//! (`src/lazy.rs`). Trunk's post-build step `build/split.js` cuts the wasm
//! at the `#[wasm_split]` points, which needs the linker's relocations.
//!
//! Debug builds, `trunk serve` and the wasm-bindgen tests are not split (an
//! unsplit `#[wasm_split]` point cannot load): there the same functions are
//! plain calls.

fn main() {
    // Only this file decides what it prints: editing docs or tests does not
    // rerun it (and so does not recompile the crate).
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(split_bundle)");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    // "release" for every profile that inherits from it (wasm-release).
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    if wasm && release {
        println!("cargo::rustc-cfg=split_bundle");
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
